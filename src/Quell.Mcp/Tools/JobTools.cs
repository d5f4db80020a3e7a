using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Mcp.Tools;

/// <summary>Tools to manage jobs started anywhere (MCP, HTTP, the CLI): list, show, cancel, read partial results.</summary>
[McpServerToolType]
internal sealed class JobTools(IJobService jobs)
{
    private const int MaxLimit = 200;

    [McpServerTool(Name = "list_jobs", Title = "List jobs", ReadOnly = true, OpenWorld = false)]
    [Description("Lists your jobs, newest first, optionally filtered by status and type.")]
    public async Task<CallToolResult> ListJobsAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("Only jobs in this state: pending, running, cancelling, cancelled, completed or failed.")] string? status = null,
        [Description("Only jobs of this type, such as csv.analyze.")] string? type = null,
        [Description("At most this many jobs (1-200).")] int limit = 20,
        [Description("Skip this many jobs first.")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (!JobStatusExtensions.TryParseWireName(status, out var parsed))
            {
                return ToolResults.Error($"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetValues<JobStatus>().Select(s => s.ToWireName()))}.");
            }
            statusFilter = parsed;
        }
        if (limit is < 1 or > MaxLimit) return ToolResults.Error($"'limit' must be between 1 and {MaxLimit}; got {limit}.");
        if (offset < 0) return ToolResults.Error($"'offset' must not be negative; got {offset}.");
        var page = await jobs.ListAsync(new JobQuery(McpCaller.Owner(request), statusFilter, type, limit, offset), cancellationToken)
            .ConfigureAwait(false);
        return ToolResults.Json(JobDocuments.Page(page));
    }

    [McpServerTool(Name = "get_job", Title = "Show a job", ReadOnly = true, OpenWorld = false)]
    [Description("Shows one job: status, progress, cancellation (reason, message), result or error.")]
    public async Task<CallToolResult> GetJobAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("The job's id.")] string id,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = await jobs.GetAsync(id, McpCaller.Owner(request), cancellationToken).ConfigureAwait(false);
        return job is null ? NotFound(id) : ToolResults.Json(JobDocuments.Job(job));
    }

    [McpServerTool(Name = "cancel_job", Title = "Cancel a job", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Cancels a pending or running job. A running job stops at its next checkpoint and keeps its partial results.")]
    public async Task<CallToolResult> CancelJobAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("The job's id.")] string id,
        [Description("Why: user_requested (the default), timeout, system_shutdown, resource_limit or dependency_failed.")] string? reason = null,
        [Description("A message for people, recorded in the job's history.")] string? message = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationReason = CancellationReason.UserRequested;
        if (reason is not null && !CancellationReasons.TryParse(reason, out cancellationReason))
        {
            return ToolResults.Error($"Unknown reason '{reason}'. Use one of: {string.Join(", ", CancellationReasons.WireNames)}.");
        }
        var owner = McpCaller.Owner(request);
        var outcome = await jobs.CancelAsync(id, new CancelRequest(owner, cancellationReason, message), cancellationToken)
            .ConfigureAwait(false);
        return outcome.Kind switch
        {
            CancelOutcomeKind.NotFound or _ when outcome.Job is null => NotFound(id),
            CancelOutcomeKind.AlreadyFinished => ToolResults.Error(
                $"Job {id} already {outcome.Job.Status.ToWireName()}; there is nothing to cancel.", JobDocuments.Job(outcome.Job)),
            _ => ToolResults.Json(new JsonObject
            {
                ["outcome"] = Describe(outcome.Kind),
                ["job"] = JobDocuments.Job(outcome.Job),
            }),
        };
    }

    [McpServerTool(Name = "get_partial_results", Title = "Partial results of a job", ReadOnly = true, OpenWorld = false)]
    [Description("What a job finished so far, or before it was cancelled or failed: status, counts, results, failed items.")]
    public async Task<CallToolResult> GetPartialResultsAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("The job's id.")] string id,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = McpCaller.Owner(request);
        var results = await jobs.GetPartialResultsAsync(id, owner, cancellationToken).ConfigureAwait(false);
        if (results is not null) return ToolResults.Json(JobDocuments.Partial(id, results));
        return await jobs.GetAsync(id, owner, cancellationToken).ConfigureAwait(false) is null
            ? NotFound(id)
            : ToolResults.Error($"Job {id} has saved no partial results yet.");
    }

    private static CallToolResult NotFound(string id) =>
        ToolResults.Error($"No job '{id}' (unknown, or started by another owner). list_jobs shows yours.");

    private static string Describe(CancelOutcomeKind kind) => kind switch
    {
        CancelOutcomeKind.CancelledWhilePending => "cancelled",
        CancelOutcomeKind.Cancelling => "cancelling",
        CancelOutcomeKind.AlreadyRequested => "already_requested",
        _ => kind.ToString(),
    };
}

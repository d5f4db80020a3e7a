using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Jobs;
using Quell.Mcp.Calls;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Mcp;

/// <summary>
/// The MCP tool <c>run_workflow</c>: runs a workflow of the catalog as a <c>workflow.run</c> job and answers with its
/// outcome and outputs. Progress is elements finished / total; <c>notifications/cancelled</c> cancels the run with
/// <c>user_requested</c>. Add it with <c>WithWorkflowTools()</c> next to <c>WithQuellTools()</c>.
/// </summary>
[McpServerToolType]
public sealed class RunWorkflowTool(McpJobCalls calls, WorkflowRuns runs)
{
    /// <summary>The tool's name.</summary>
    public const string Name = "run_workflow";

    /// <summary>Runs workflow <paramref name="workflowId"/> and waits for its end.</summary>
    /// <param name="request">The tool call.</param>
    /// <param name="workflowId">The workflow's id in the catalog.</param>
    /// <param name="variables">The run's input variables, a JSON object.</param>
    /// <param name="cancellationToken">Fires on <c>notifications/cancelled</c>.</param>
    [McpServerTool(Name = Name, Title = "Run a workflow", ReadOnly = false, Destructive = false, OpenWorld = true)]
    [Description("Runs a stored workflow (its agentic, service and user tasks) to its end and answers with its outcome and "
        + "outputs. Reports progress as elements finished / total when the request has a progress token; cancelling the "
        + "request cancels the run (its cancellable tasks stop and keep partial results).")]
    public async Task<CallToolResult> RunAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("The workflow's id, as listed by the server's workflow catalog.")] string workflowId,
        [Description("The run's input variables, a JSON object.")] JsonElement? variables = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (variables is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return Error("variables must be a JSON object.", null);
        }
        var owner = McpJobCalls.Owner(request);
        JobRecord job;
        try
        {
            job = await calls.RunAsync(request, owner, token => runs.StartAsync(workflowId, variables, owner, cancellationToken: token), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WorkflowNotFoundException e)
        {
            return Error(e.Message, null);
        }
        catch (JobSubmissionException e)
        {
            return Error(e.Message, null);
        }
        var view = await runs.GetAsync(job.Id, owner, CancellationToken.None).ConfigureAwait(false);
        return Answer(job, view);
    }

    private static CallToolResult Answer(JobRecord job, RunView? view)
    {
        var document = new JsonObject
        {
            ["runId"] = job.Id,
            ["status"] = job.Status.ToWireName(),
            ["outcome"] = view?.Outcome,
            ["elements"] = new JsonArray([.. (view?.Elements ?? []).Select(e => (JsonNode)new JsonObject
            {
                ["elementId"] = e.ElementId, ["status"] = e.Status,
            })]),
        };
        if (job.Status == JobStatus.Completed)
        {
            if (job.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty("outputs", out var outputs))
            {
                document["outputs"] = JsonNode.Parse(outputs.GetRawText());
            }
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) }],
                StructuredContent = JsonSerializer.SerializeToElement(document),
            };
        }
        // Failed or cancelled: say which task stopped it ("Task extract_keywords was cancelled"), with what it kept.
        var cancelled = (view?.Elements ?? []).Where(e => e.Status == "cancelled").ToList();
        if (cancelled.Count > 0)
        {
            document["cancelledTasks"] = new JsonArray([.. cancelled.Select(e => (JsonNode)new JsonObject
            {
                ["elementId"] = e.ElementId,
                ["partialResult"] = e.PartialResult is { } partial ? JsonNode.Parse(partial.GetRawText()) : null,
            })]);
        }
        var message = job.Error
            ?? (cancelled.Count > 0 ? $"Task {string.Join(", ", cancelled.Select(e => e.ElementId))} was cancelled." : $"The run ended {job.Status.ToWireName()}.");
        return Error($"Run {job.Id} {view?.Outcome ?? job.Status.ToWireName()}: {message}", document);
    }

    private static CallToolResult Error(string message, JsonObject? document) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
        StructuredContent = document is null ? null : JsonSerializer.SerializeToElement(document),
    };
}

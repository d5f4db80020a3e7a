using System.Text.Json.Nodes;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Mcp.Tools;

/// <summary>The tool result of a job that a tool ran to its end.</summary>
internal static class JobOutcome
{
    public static ModelContextProtocol.Protocol.CallToolResult ToResult(JobRecord job) => job.Status switch
    {
        JobStatus.Completed => ToolResults.Json(new JsonObject
        {
            ["jobId"] = job.Id,
            ["status"] = job.Status.ToWireName(),
            ["result"] = job.Result is { } result ? JsonNode.Parse(result.GetRawText()) : null,
        }),
        JobStatus.Failed => ToolResults.Error($"Job {job.Id} failed: {job.Error}", JobDocuments.Job(job)),
        JobStatus.Cancelled => ToolResults.Error(
            $"Job {job.Id} was cancelled ({Describe(job.Cancellation)}). What it finished is kept: call get_partial_results with id {job.Id}.",
            JobDocuments.Job(job)),
        _ => ToolResults.Error($"Job {job.Id} is still {job.Status.ToWireName()}; follow it with get_job.", JobDocuments.Job(job)),
    };

    private static string Describe(CancellationInfo? cancellation) => cancellation is null
        ? "no reason recorded"
        : cancellation.Message is { Length: > 0 } message
            ? $"{cancellation.Reason.ToWireName()}: {message}"
            : cancellation.Reason.ToWireName();
}

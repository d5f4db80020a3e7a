using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Mcp.Tasks;

/// <summary>Maps a job onto a task: pending, running and cancelling are all <c>working</c>.</summary>
internal static class McpTaskStatuses
{
    public const string CancellingMessage = "cancelling";

    public static McpTaskInfo ToTask(JobRecord job, McpTaskMarker marker, long pollIntervalMs) => new(
        job.Id,
        job.Status switch
        {
            JobStatus.Completed => McpTaskInfo.Completed,
            JobStatus.Failed => McpTaskInfo.Failed,
            JobStatus.Cancelled => McpTaskInfo.Cancelled,
            _ => McpTaskInfo.Working,
        },
        job.Status switch
        {
            JobStatus.Pending => "pending",
            JobStatus.Running => job.Progress?.Message,
            JobStatus.Cancelling => CancellingMessage,
            JobStatus.Failed => job.Error,
            JobStatus.Cancelled => Describe(job.Cancellation),
            _ => null,
        },
        job.CreatedAt,
        LastUpdated(job),
        marker.TtlMs,
        pollIntervalMs);

    private static DateTimeOffset LastUpdated(JobRecord job)
    {
        var last = job.CreatedAt;
        foreach (var time in new[] { job.StartedAt, job.Cancellation?.RequestedAt, job.FinishedAt })
        {
            if (time is { } t && t > last) last = t;
        }
        return last;
    }

    private static string Describe(CancellationInfo? cancellation) => cancellation is null
        ? "cancelled"
        : cancellation.Message is { Length: > 0 } message
            ? $"{cancellation.Reason.ToWireName()}: {message}"
            : cancellation.Reason.ToWireName();
}

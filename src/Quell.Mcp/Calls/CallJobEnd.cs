using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

/// <summary>How the job of a cancelled call ended, as <see cref="CancelLogNotification"/> tells the client.</summary>
internal readonly record struct CallJobEnd(string JobId, JobStatus Status, CancellationReason Reason)
{
    public static CallJobEnd Of(JobRecord job) =>
        new(job.Id, job.Status, job.Cancellation?.Reason ?? CancellationReason.UserRequested);

    /// <summary>
    /// From a <c>job.cancelled</c> event, which carries the reason: the notice then need not wait for a store read.
    /// Null for other events (a job that completed across the cancel is read from the store, as it is rare).
    /// </summary>
    public static CallJobEnd? Of(JobEvent terminal) =>
        terminal.Type == JobEventTypes.Cancelled
        && terminal.Data.TryGetProperty("reason", out var reason)
        && CancellationReasons.TryParse(reason.GetString(), out var parsed)
            ? new CallJobEnd(terminal.JobId, JobStatus.Cancelled, parsed)
            : null;
}

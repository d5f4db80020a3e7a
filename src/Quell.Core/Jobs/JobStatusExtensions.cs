namespace Quell.Jobs;

/// <summary>Helpers over <see cref="JobStatus"/>.</summary>
public static class JobStatusExtensions
{
    /// <summary>True for <c>cancelled</c>, <c>completed</c> and <c>failed</c>.</summary>
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Cancelled or JobStatus.Completed or JobStatus.Failed;

    /// <summary>The lower-case name users see on the wire (<c>cancelling</c>).</summary>
    public static string ToWireName(this JobStatus status) => status switch
    {
        JobStatus.Pending => "pending",
        JobStatus.Running => "running",
        JobStatus.Cancelling => "cancelling",
        JobStatus.Cancelled => "cancelled",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParseWireName(string? value, out JobStatus status)
    {
        foreach (var candidate in Enum.GetValues<JobStatus>())
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}

namespace Quell.Cancellation;

/// <summary>
/// Thrown by <c>IJobContext.Checkpoint</c> when the job has been asked to stop. It is an
/// <see cref="OperationCanceledException"/> for the job's token, so the runtime records a cancellation, not a failure.
/// </summary>
public sealed class JobCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception for a job's token.</summary>
    public JobCancelledException(CancellationInfo? info, string? checkpoint, CancellationToken token)
        : base(Describe(info, checkpoint), token)
    {
        Cancellation = info;
        Checkpoint = checkpoint;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public JobCancelledException() : base("The job was cancelled.") { }

    /// <summary>Creates the exception with a plain message.</summary>
    public JobCancelledException(string message) : base(message) { }

    /// <summary>Creates the exception with a plain message and inner exception.</summary>
    public JobCancelledException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The request that stopped the job, when known.</summary>
    public CancellationInfo? Cancellation { get; }

    /// <summary>The checkpoint at which the job noticed.</summary>
    public string? Checkpoint { get; }

    private static string Describe(CancellationInfo? info, string? checkpoint)
    {
        var reason = info is null ? "cancelled" : $"cancelled ({info.Reason.ToWireName()})";
        return checkpoint is null ? $"Job {reason}." : $"Job {reason} at checkpoint '{checkpoint}'.";
    }
}

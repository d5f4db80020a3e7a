namespace Quell.Storage;

/// <summary>What a durable cancel request did.</summary>
public enum CancelOutcomeKind
{
    /// <summary>No such job.</summary>
    NotFound,
    /// <summary>The job was pending and is now <c>cancelled</c>: nothing had to stop.</summary>
    CancelledWhilePending,
    /// <summary>The job was running and is now <c>cancelling</c>; the handler must be signalled.</summary>
    Cancelling,
    /// <summary>A cancel was already requested; the job record carries the first request.</summary>
    AlreadyRequested,
    /// <summary>The job had already reached a terminal state; nothing changed.</summary>
    AlreadyFinished,
}

namespace Quell.Events;

/// <summary>The event catalogue (see docs/architecture.md).</summary>
public static class JobEventTypes
{
    /// <summary>A job was accepted.</summary>
    public const string Created = "job.created";
    /// <summary>A worker started the handler.</summary>
    public const string Started = "job.started";
    /// <summary>Persisted progress (at most about once a second, and at the end).</summary>
    public const string Progress = "job.progress";
    /// <summary>The handler passed a named safe point.</summary>
    public const string Checkpoint = "job.checkpoint";
    /// <summary>Partial results were saved (counts only).</summary>
    public const string Partial = "job.partial";
    /// <summary>The handler logged a line.</summary>
    public const string Log = "job.log";
    /// <summary>The job can be cancelled from now on.</summary>
    public const string Cancellable = "job.cancellable";
    /// <summary>A cancel request was made durable.</summary>
    public const string CancelRequested = "job.cancel.requested";
    /// <summary>The handler was signalled and is stopping.</summary>
    public const string Cancelling = "job.cancelling";
    /// <summary>Terminal: the job stopped for a cancellation.</summary>
    public const string Cancelled = "job.cancelled";
    /// <summary>A cancel request could not take effect ("Job already completed").</summary>
    public const string CancelFailed = "job.cancel.failed";
    /// <summary>Terminal: the handler returned.</summary>
    public const string Completed = "job.completed";
    /// <summary>Terminal: the handler threw or was interrupted.</summary>
    public const string Failed = "job.failed";
    /// <summary>A retry-safe job left running by a dead process was put back in the queue.</summary>
    public const string Requeued = "job.requeued";

    /// <summary>
    /// Refuses event types that callers may not write: empty, longer than 64 characters, or in the runtime's
    /// <c>job.</c> namespace.
    /// </summary>
    public static void ThrowIfReserved(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (type.Length > 64) throw new ArgumentException($"Event type '{type}' is longer than 64 characters.", nameof(type));
        if (type.StartsWith("job.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event type '{type}' is reserved: 'job.' events are written by the runtime only.", nameof(type));
        }
    }

    /// <summary>True for the three events that end a job's history.</summary>
    public static bool IsTerminal(string type) => type is Cancelled or Completed or Failed;
}

using Quell.Cancellation;

namespace Quell.Storage;

/// <summary>
/// Implemented by a store that several nodes share and that hears what the other nodes commit (PostgreSQL's
/// <c>LISTEN/NOTIFY</c>). The worker listens while it runs: new work wakes its dispatcher without waiting for the
/// poll, and a cancel request recorded elsewhere signals the job at once instead of at the next lease renewal. Both
/// are only faster paths: the poll and the renewal still make good anything a lost notification dropped.
/// </summary>
public interface IJobStoreSignals
{
    /// <summary>
    /// Starts calling <paramref name="workAvailable"/> when jobs may have become claimable, and
    /// <paramref name="cancelRequested"/> with each committed cancel request of a running job (of any node; the
    /// callee ignores jobs it does not run), until the returned handle is disposed. Callbacks must not block.
    /// </summary>
    IDisposable Listen(Action workAvailable, Action<string, CancellationInfo> cancelRequested);
}

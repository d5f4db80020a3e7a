using Hangfire;

namespace Quell.Bench.Hangfire;

/// <summary>
/// The Hangfire counterparts of the Quell bench jobs. Hangfire activates static methods by reflection, so the
/// probe is a static the scenario sets before it starts a server.
/// </summary>
public static class HangfireJobs
{
    public static HangfireProbe Probe { get; set; } = new(0);

    public static void Noop() => Probe.JobDone();

    /// <summary>
    /// Hangfire's documented cancellation: poll <see cref="IJobCancellationToken.ThrowIfCancellationRequested"/>,
    /// which reads the job's state from storage on every call. Polls once a millisecond.
    /// </summary>
    public static void PollUntilDeleted(int slot, IJobCancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellationToken);
        Probe.JobStarted();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(1);
            }
        }
        catch (OperationCanceledException)
        {
            Probe.JobObservedCancel(slot);
            throw;
        }
        finally
        {
            Probe.JobExited(slot);
        }
    }

    /// <summary>
    /// Blocks its worker thread until the server's cancellation watcher (which polls storage every
    /// <c>CancellationCheckInterval</c>) sees the job deleted and fires the token.
    /// </summary>
    public static void WaitForAbort(int slot, IJobCancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellationToken);
        Probe.JobStarted();
        try
        {
            cancellationToken.ShutdownToken.WaitHandle.WaitOne();
        }
        finally
        {
            Probe.JobExited(slot);
        }
    }
}

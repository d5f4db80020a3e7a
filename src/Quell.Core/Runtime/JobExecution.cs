using System.Diagnostics;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// One run of one job on this node: its tokens, the first cancellation request, and what the handler reported.
/// The first request wins; later ones are no-ops that report it.
/// </summary>
internal sealed class JobExecution : IDisposable
{
    private readonly CancellationTokenSource _cancel; // plain: timers (timeout, shutdown notice) live elsewhere
    private readonly Lock _pendingLock = new();
    private readonly Lock _cancelLock = new();
    private Task<CancelOutcome>? _cancelWrite;
    private CancellationInfo? _cancellation;
    private List<NewJobEvent>? _pendingEvents;
    private ITimer? _timeout;
    private SemaphoreSlim? _persistGate;

    public JobExecution(JobRecord job, JobTypeRegistration registration, CancellationToken shutdownToken)
    {
        Job = job;
        Registration = registration;
        ShutdownToken = shutdownToken; // one node-wide source: a per-job one would cost memory for a once-a-lifetime event
        _cancel = new CancellationTokenSource();
    }

    public JobRecord Job { get; }

    public string JobId => Job.Id;

    /// <summary>The run's span while it is recorded, so a cancel request can be linked to the stop it causes.</summary>
    public Activity? Activity { get; set; }

    /// <summary>The run itself, for shutdown to wait on.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public JobTypeRegistration Registration { get; }

    public CancellationToken CancellationToken => _cancel.Token;

    public CancellationToken ShutdownToken { get; }

    public CancellationInfo? Cancellation => Volatile.Read(ref _cancellation);

    public ProgressState Progress { get; } = new();

    // Both created on first use: a job waiting on I/O often has neither (10,000 waiting jobs are measured).
    private PartialResultsBuffer? _partial;
    private CleanupStack? _cleanup;

    public PartialResultsBuffer Partial => LazyInitializer.EnsureInitialized(ref _partial);

    /// <summary>The partial results' version without creating the buffer (0 when there is none).</summary>
    public int PartialVersion => Volatile.Read(ref _partial)?.Version ?? 0;

    /// <summary>True when the handler reported any partial result (or total).</summary>
    public bool HasPartial => Volatile.Read(ref _partial) is { IsEmpty: false };

    public CleanupStack Cleanup => LazyInitializer.EnsureInitialized(ref _cleanup);

    /// <summary>True when the handler registered any cleanup action.</summary>
    public bool HasCleanup => Volatile.Read(ref _cleanup) is not null;

    /// <summary>The last safe point the handler passed.</summary>
    public string? LastCheckpoint { get; set; }

    /// <summary>Bumped per checkpoint so the pump persists the latest one at most once a period.</summary>
    public int CheckpointVersion;

    /// <summary>Serializes the pump's writes with the final flush, so nothing is written after the terminal event.</summary>
    // Created on first use: a waiting job that reports nothing never needs one (10,000 of them are measured).
    public SemaphoreSlim PersistGate => LazyInitializer.EnsureInitialized(ref _persistGate, static () => new SemaphoreSlim(1, 1));

    /// <summary>Set under <see cref="PersistGate"/> once the final flush ran; the pump then leaves the job alone.</summary>
    public bool Flushed { get; set; }

    /// <summary>1 once the run's concurrency slot was given back (<see cref="ActiveJobs.ReleaseSlot"/>).</summary>
    public int SlotReleased;

    public int PublishedProgressVersion;
    public int PersistedProgressVersion;
    public int PersistedPartialVersion;
    public int PersistedCheckpointVersion;

    /// <summary>Records the request if it is the first; true when it was.</summary>
    public bool TrySetCancellation(CancellationInfo info) =>
        Interlocked.CompareExchange(ref _cancellation, info, null) is null;

    /// <summary>Fires the job's token. The request must already be set (and durable, unless the job cancelled itself).</summary>
    public void CancelNow()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already ended: nothing left to signal.
        }
    }

    /// <summary>
    /// True once a lease renewal found that this node no longer holds the job (its lease ran out and another node
    /// recovered it): the run stops, and writes nothing more for a job that is no longer its own.
    /// </summary>
    public bool LeaseLost => Volatile.Read(ref _leaseLost) == 1;

    private int _leaseLost;

    /// <summary>Marks the lease lost and fires the token; true the first time.</summary>
    public bool AbandonLease()
    {
        if (Interlocked.Exchange(ref _leaseLost, 1) == 1) return false;
        CancelNow();
        return true;
    }

    /// <summary>True once the request in <see cref="Cancellation"/> is known to be in the store.</summary>
    public bool CancelRecorded { get; set; }

    /// <summary>The first durable cancel request queued by <see cref="RequestAndSignal"/>, until and after it commits.</summary>
    public Task<CancelOutcome>? CancelWrite => Volatile.Read(ref _cancelWrite);

    /// <summary>
    /// Queues a durable cancel request and fires the token without waiting for the commit. Queueing and keeping the
    /// request in memory happen under one lock, so with concurrent requests the one this run keeps is the one queued
    /// (and, in a store that commits in queue order, committed) first. The job's finish awaits <see cref="CancelWrite"/>
    /// before it records <c>cancelled</c>, so the history never has a cancelled job without its request.
    /// </summary>
    public Task<CancelOutcome> RequestAndSignal(CancellationInfo info, Func<Task<CancelOutcome>> queueWrite)
    {
        Task<CancelOutcome> write;
        lock (_cancelLock)
        {
            write = queueWrite();
            TrySetCancellation(info);
            _cancelWrite ??= write;
        }
        CancelNow();
        return write;
    }

    /// <summary>True while log lines wait to be written, so the pump can pass idle jobs by without locking.</summary>
    public bool HasPendingEvents => Volatile.Read(ref _pendingEvents) is not null;

    public void SetTimeout(ITimer timer) => _timeout = timer;

    public void Enqueue(NewJobEvent jobEvent)
    {
        lock (_pendingLock) (_pendingEvents ??= []).Add(jobEvent);
    }

    /// <summary>Takes the events queued since the last call (logs), or null.</summary>
    public List<NewJobEvent>? TakePendingEvents()
    {
        lock (_pendingLock)
        {
            var events = _pendingEvents;
            _pendingEvents = null;
            return events;
        }
    }

    public void Dispose()
    {
        _timeout?.Dispose();
        _persistGate?.Dispose();
        _cancel.Dispose();
    }
}

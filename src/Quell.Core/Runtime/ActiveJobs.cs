using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Quell.Runtime;

/// <summary>The jobs running on this node, and the signal that wakes the dispatcher when there may be work.</summary>
internal sealed class ActiveJobs : IDisposable
{
    private readonly ConcurrentDictionary<string, JobExecution> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perPool = new(StringComparer.Ordinal);
    // Capacity one, extra writes dropped: an auto-reset "there may be work" flag.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _shutdown = new();

    public int Count => _running.Count;

    /// <summary>How many jobs run in the pool with this key (<see cref="ConcurrencyPool"/>).</summary>
    public int CountIn(string pool) => _perPool.TryGetValue(pool, out var count) ? count : 0;

    /// <summary>Every job's shutdown token: fired once, when the host starts stopping.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    public void SignalShutdown() => _shutdown.Cancel();

    public ICollection<JobExecution> Executions => _running.Values;

    public ICollection<string> Ids => _running.Keys;

    public bool TryGet(string jobId, out JobExecution execution) => _running.TryGetValue(jobId, out execution!);

    public void Add(JobExecution execution, Task completion)
    {
        execution.Completion = completion;
        if (_running.TryAdd(execution.JobId, execution)) _perPool.AddOrUpdate(PoolOf(execution), 1, static (_, count) => count + 1);
    }

    public void Remove(string jobId)
    {
        if (_running.TryRemove(jobId, out var execution)) ReleaseSlot(execution);
        Wake();
    }

    /// <summary>
    /// Gives the run's slot back before the run is over: its handler and cleanup are done and only its terminal write
    /// is left, so the dispatcher may claim the next job now and its claim can share a transaction with that write. The
    /// run stays registered (for cancels, renewals and shutdown) until <see cref="Remove"/>. Once per run.
    /// </summary>
    public void ReleaseSlot(JobExecution execution)
    {
        if (Interlocked.Exchange(ref execution.SlotReleased, 1) == 1) return;
        _perPool.AddOrUpdate(PoolOf(execution), 0, static (_, count) => count - 1);
        Wake();
    }

    private static string PoolOf(JobExecution execution) =>
        ConcurrencyPool.KeyOf(execution.Job.Type, execution.Registration.Options);

    /// <summary>Tasks of every run still in progress.</summary>
    public Task[] Completions => _running.Values.Select(execution => execution.Completion).ToArray();

    public void Wake() => _wake.Writer.TryWrite(true);

    public ValueTask<bool> WaitForWakeAsync(CancellationToken cancellationToken) =>
        _wake.Reader.ReadAsync(cancellationToken);

    public void Dispose() => _shutdown.Dispose();
}

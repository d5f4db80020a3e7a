using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Quell.Runtime;

/// <summary>The jobs running on this node, and the signal that wakes the dispatcher when there may be work.</summary>
internal sealed class ActiveJobs : IDisposable
{
    private readonly ConcurrentDictionary<string, JobExecution> _running = new(StringComparer.Ordinal);
    // Capacity one, extra writes dropped: an auto-reset "there may be work" flag.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _shutdown = new();

    public int Count => _running.Count;

    /// <summary>Every job's shutdown token: fired once, when the host starts stopping.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    public void SignalShutdown() => _shutdown.Cancel();

    public ICollection<JobExecution> Executions => _running.Values;

    public ICollection<string> Ids => _running.Keys;

    public bool TryGet(string jobId, out JobExecution execution) => _running.TryGetValue(jobId, out execution!);

    public void Add(JobExecution execution, Task completion)
    {
        execution.Completion = completion;
        _running[execution.JobId] = execution;
    }

    public void Remove(string jobId)
    {
        _running.TryRemove(jobId, out _);
        Wake();
    }

    /// <summary>Tasks of every run still in progress.</summary>
    public Task[] Completions => _running.Values.Select(execution => execution.Completion).ToArray();

    public void Wake() => _wake.Writer.TryWrite(true);

    public ValueTask<bool> WaitForWakeAsync(CancellationToken cancellationToken) =>
        _wake.Reader.ReadAsync(cancellationToken);

    public void Dispose() => _shutdown.Dispose();
}

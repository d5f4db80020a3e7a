using System.Collections.Concurrent;
using System.Diagnostics;
using Quell.Events;

namespace Quell.Bench.Quell;

/// <summary>
/// Stopwatch timestamps of the moments the scenarios measure: a handler started, a handler saw its token fire,
/// and the store published a job's terminal event (after its commit). Shared by the handlers (through DI) and
/// the <see cref="ProbeEventBus"/>.
/// </summary>
internal sealed class BenchProbe
{
    private int _started;
    private int _terminal;
    private long _lastTerminalAt;
    private TaskCompletionSource _startedTarget = Done();
    private TaskCompletionSource _terminalTarget = Done();
    private int _startedGoal = int.MaxValue;
    private int _terminalGoal = int.MaxValue;

    /// <summary>When true, per-job timestamps are kept (cancel latency); throughput keeps only counters.</summary>
    public bool TrackPerJob { get; set; }

    public ConcurrentDictionary<string, long> ObservedAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> TerminalAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Terminal events published for a job that had one already (tracked per job only); must stay 0.</summary>
    public int RepeatedTerminals => Volatile.Read(ref _repeatedTerminals);

    private int _repeatedTerminals;

    public int Started => Volatile.Read(ref _started);

    public int Terminal => Volatile.Read(ref _terminal);

    public long LastTerminalAt => Volatile.Read(ref _lastTerminalAt);

    /// <summary>Completes once <paramref name="count"/> handlers in total have started.</summary>
    public Task WhenStarted(int count)
    {
        _startedTarget = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _startedGoal, count);
        if (Started >= count) _startedTarget.TrySetResult();
        return _startedTarget.Task;
    }

    /// <summary>Completes once <paramref name="count"/> terminal events in total were published.</summary>
    public Task WhenTerminal(int count)
    {
        _terminalTarget = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _terminalGoal, count);
        if (Terminal >= count) _terminalTarget.TrySetResult();
        return _terminalTarget.Task;
    }

    public void HandlerStarted()
    {
        if (Interlocked.Increment(ref _started) >= Volatile.Read(ref _startedGoal)) _startedTarget.TrySetResult();
    }

    public void HandlerObservedCancel(string jobId) => ObservedAt[jobId] = Stopwatch.GetTimestamp();

    /// <summary>Called on the store's writer thread, right after the commit that made the event durable.</summary>
    public void TerminalPublished(JobEvent jobEvent)
    {
        var now = Stopwatch.GetTimestamp();
        if (TrackPerJob && !TerminalAt.TryAdd(jobEvent.JobId, now)) Interlocked.Increment(ref _repeatedTerminals);
        Volatile.Write(ref _lastTerminalAt, now);
        if (Interlocked.Increment(ref _terminal) >= Volatile.Read(ref _terminalGoal)) _terminalTarget.TrySetResult();
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}

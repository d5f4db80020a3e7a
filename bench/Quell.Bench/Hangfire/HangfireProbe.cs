using System.Diagnostics;

namespace Quell.Bench.Hangfire;

/// <summary>Timestamps and counters the Hangfire jobs record, indexed by a slot the scenario passes as an argument.</summary>
public sealed class HangfireProbe(int slots)
{
    private int _done;
    private int _started;
    private int _exited;

    public long[] ObservedAt { get; } = new long[slots];

    public long[] ExitedAt { get; } = new long[slots];

    public int Done => Volatile.Read(ref _done);

    public int Started => Volatile.Read(ref _started);

    public int Exited => Volatile.Read(ref _exited);

    public void JobDone() => Interlocked.Increment(ref _done);

    public void JobStarted() => Interlocked.Increment(ref _started);

    public void JobObservedCancel(int slot) => ObservedAt[slot] = Stopwatch.GetTimestamp();

    public void JobExited(int slot)
    {
        ExitedAt[slot] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _exited);
    }

    /// <summary>Spins politely until <paramref name="condition"/> holds, or throws (or returns) after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what, bool throwOnTimeout = true)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var spinner = new SpinWait();
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                if (!throwOnTimeout) return;
                throw new TimeoutException($"Hangfire: timed out waiting for {what}.");
            }
            spinner.SpinOnce(sleep1Threshold: 50);
        }
    }
}

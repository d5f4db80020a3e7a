using System.Diagnostics;
using Quell.Bench.Reporting;

namespace Quell.Bench.Mcp;

/// <summary>
/// One cancel over stdio: start <c>analyze_csv</c> with a progress token, wait for the first progress notification
/// and then a set delay (so the cancel lands at a comparable point of the work on both servers), take t0, send
/// <c>notifications/cancelled</c>, and wait until the server says the work stopped.
/// </summary>
internal sealed class McpCancelRounds(string csvPath)
{
    private const string Reason = "bench: cancel latency";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Quell, polled rounds: (a) the cancel request is durable, (b) the job is terminal (job.cancelled committed).</summary>
    public Latencies QuellRequestDurable { get; } = new();

    public Latencies QuellTerminal { get; } = new();

    /// <summary>
    /// Quell: (c) the client has the server's notice that the job stopped (sent once job.cancelled is durable), in
    /// rounds where the store is not polled.
    /// </summary>
    public Latencies QuellNotified { get; } = new();

    /// <summary>Per cancel, the time from the start of the last read that did not see the terminal state to the one that did.</summary>
    public Latencies QuellPollResolution { get; } = new();

    /// <summary>Bare tool: (a) the request's token fired, (b) the handler stopped.</summary>
    public Latencies BareTokenFired { get; } = new();

    public Latencies BareStopped { get; } = new();

    /// <summary>Rounds where the work finished before the cancel took effect (not counted as samples).</summary>
    public int QuellNotCancelled { get; private set; }

    public int BareNotCancelled { get; private set; }

    /// <summary>Bare rounds where no probe line came at all within the limit (not sampled, reported).</summary>
    public int BareLost { get; private set; }

    /// <summary>
    /// One Quell cancel. With <paramref name="poll"/>, the store is read every 100 µs from t0 for (a) and (b); that
    /// spinning reader takes CPU from the server on two cores, so (c), the client's view, is taken in rounds without it
    /// (the store is read once, after the notice, to check that the job was cancelled).
    /// </summary>
    public async Task QuellOnceAsync(BenchMcpServer server, QuellStoreProbe store, TimeSpan delay, bool poll)
    {
        var call = server.Start(csvPath);
        using (call)
        {
            await call.FirstProgress.WaitAsync(Limit).ConfigureAwait(false);
            var job = store.Newest() ?? throw new InvalidOperationException("quell mcp reported progress, but its store has no job.");
            await Task.Delay(delay).ConfigureAwait(false);
            var t0 = Stopwatch.GetTimestamp();
            await server.CancelAsync(call, Reason).ConfigureAwait(false);
            if (poll) Observe(store.WaitUntilTerminal(job.Id, Limit), t0);
            else await NoticeAsync(call, store, job.Id, t0).ConfigureAwait(false);
            server.Forget(call);
        }
    }

    private void Observe(CancelObservation seen, long t0)
    {
        if (seen.Status != "cancelled" || seen.TerminalAt is null || seen.RequestDurableAt is null)
        {
            QuellNotCancelled++;
            return;
        }
        QuellRequestDurable.Add(t0, seen.RequestDurableAt.Value);
        QuellTerminal.Add(t0, seen.TerminalAt.Value);
        QuellPollResolution.Add(seen.PreviousReadAt, seen.TerminalAt.Value);
    }

    private async Task NoticeAsync(BenchCall call, QuellStoreProbe store, string jobId, long t0)
    {
        // The notice is sent once the job's terminal event is durable, so one read afterwards sees how it ended.
        var notice = call.CancelNotice.Task;
        if (await Task.WhenAny(notice, Task.Delay(Limit)).ConfigureAwait(false) != notice
            || store.WaitUntilTerminal(jobId, TimeSpan.Zero).Status != "cancelled")
        {
            QuellNotCancelled++;
            return;
        }
        QuellNotified.Add(t0, await notice.ConfigureAwait(false));
    }

    public async Task BareOnceAsync(BenchMcpServer server, BareCancelLog log, TimeSpan delay)
    {
        var call = server.Start(csvPath);
        using (call)
        {
            await call.FirstProgress.WaitAsync(Limit).ConfigureAwait(false);
            await Task.Delay(delay).ConfigureAwait(false);
            var id = (string)call.Id.Id!;
            var t0 = Stopwatch.GetTimestamp();
            await server.CancelAsync(call, Reason).ConfigureAwait(false);
            // The SDK client abandons its own wait for the response when it sends the notification, so the server's
            // probe lines, not the response, say whether the work stopped or completed first.
            var stopped = log.WaitAsync(BareCancelLogEvents.Stopped, id);
            var completed = log.WaitAsync(BareCancelLogEvents.Completed, id);
            var outcome = await Task.WhenAny(stopped, completed, Task.Delay(Limit)).ConfigureAwait(false);
            if (outcome != stopped && outcome != completed)
            {
                BareLost++;
                Console.WriteLine($"bare {id}: neither stopped nor completed {Limit.TotalSeconds} s after the cancel; token fired: "
                    + $"{log.WaitAsync(BareCancelLogEvents.TokenFired, id).IsCompleted}; progress notifications {call.ProgressCount}");
            }
            else if (outcome == stopped)
            {
                BareTokenFired.Add(t0, await log.WaitAsync(BareCancelLogEvents.TokenFired, id).WaitAsync(Limit).ConfigureAwait(false));
                BareStopped.Add(t0, await stopped.ConfigureAwait(false));
            }
            else
            {
                BareNotCancelled++;
            }
            server.Forget(call);
        }
    }
}

/// <summary>The event names of the bare server's probe lines (Quell.Bench.BareMcp's CancelProbe).</summary>
internal static class BareCancelLogEvents
{
    public const string TokenFired = "token-fired";
    public const string Stopped = "stopped";
    public const string Completed = "completed";
}

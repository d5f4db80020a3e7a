using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Quell.Bench.Hangfire;
using Quell.Bench.Quell;
using Quell.Bench.Reporting;
using Quell.Jobs;

namespace Quell.Bench.Scenarios;

/// <summary>
/// Cancels running jobs one after another, in rounds of one job per worker, and measures from the moment the
/// cancel call is made: (a) until the handler observes it, (b) until the terminal state is durable and visible.
/// Quell's <c>CancelAsync</c> makes the request durable and then fires the token before it returns, so the
/// clock starts at the call, not at its return (which is reported separately).
/// </summary>
internal static class CancelLatencyScenario
{
    internal sealed record Result(Latencies Call, Latencies Observed, Latencies Terminal, Latencies? Exited = null);

    public static async Task RunAsync(ScenarioOptions options, int defaultCancels)
    {
        var cancels = options.Cancels ?? defaultCancels;
        var workers = options.Workers ?? 16;
        Console.WriteLine($"## cancel-latency: {cancels:N0} cancels, rounds of {workers} running jobs (one per worker), cancelled one at a time");
        Result? quell = null, hangfire = null;
        if (options.Runs("quell"))
        {
            await RunQuellAsync(workers, workers).ConfigureAwait(false); // warm-up
            quell = await RunQuellAsync(cancels, workers).ConfigureAwait(false);
            Console.WriteLine($"Quell     cancel call returned        {quell.Call.Summary()}");
            Console.WriteLine($"Quell     (a) handler token fired     {quell.Observed.Summary()}");
            Console.WriteLine($"Quell     (b) job.cancelled published {quell.Terminal.Summary()}");
        }
        if (options.Runs("hangfire"))
        {
            RunHangfire(workers, workers);
            hangfire = RunHangfire(cancels, workers);
            Console.WriteLine($"Hangfire  Delete returned             {hangfire.Call.Summary()}");
            Console.WriteLine($"Hangfire  (a) job's poll threw        {hangfire.Observed.Summary()}");
            Console.WriteLine($"Hangfire  (b) Deleted in monitoring   {hangfire.Terminal.Summary()}");
            Console.WriteLine($"Hangfire  (c) job method exited       {hangfire.Exited!.Summary()}");
        }
        if (quell is not null && hangfire is not null)
        {
            Comparison.Header();
            Comparison.Row("(a) call -> handler observed p50, ms", quell.Observed.Percentile(50), hangfire.Observed.Percentile(50), "F3");
            Comparison.Row("(a) call -> handler observed p99, ms", quell.Observed.Percentile(99), hangfire.Observed.Percentile(99), "F3");
            Comparison.Row("(a) call -> handler observed max, ms", quell.Observed.Max, hangfire.Observed.Max, "F3");
            Comparison.Row("(b) call -> terminal durable p50, ms", quell.Terminal.Percentile(50), hangfire.Terminal.Percentile(50), "F3");
            Comparison.Row("(b) call -> terminal durable p99, ms", quell.Terminal.Percentile(99), hangfire.Terminal.Percentile(99), "F3");
            Comparison.Row("(b) call -> terminal durable max, ms", quell.Terminal.Max, hangfire.Terminal.Max, "F3");
        }
        Console.WriteLine();
    }

    private static async Task<Result> RunQuellAsync(int cancels, int workers)
    {
        await using var quell = await QuellHarness.StartAsync(workers).ConfigureAwait(false);
        var probe = quell.Probe;
        probe.TrackPerJob = true;
        var result = new Result(new Latencies(), new Latencies(), new Latencies());
        var request = new CancelRequest(null, Message: "bench");
        for (var done = 0; done < cancels; done += workers)
        {
            var started = probe.WhenStarted(done + workers);
            var ids = await quell.SubmitManyAsync(BenchJobs.AwaitCancel, workers, workers).ConfigureAwait(false);
            await started.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var terminal = probe.WhenTerminal(done + workers);
            var calledAt = new long[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                calledAt[i] = Stopwatch.GetTimestamp();
                await quell.Jobs.CancelAsync(ids[i], request).ConfigureAwait(false);
                result.Call.Add(calledAt[i], Stopwatch.GetTimestamp());
            }
            await terminal.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            for (var i = 0; i < ids.Length; i++)
            {
                result.Observed.Add(calledAt[i], probe.ObservedAt[ids[i]]);
                result.Terminal.Add(calledAt[i], probe.TerminalAt[ids[i]]);
            }
        }
        return result;
    }

    private static Result RunHangfire(int cancels, int workers)
    {
        var rounds = (cancels + workers - 1) / workers;
        var probe = new HangfireProbe(rounds * workers);
        using var hangfire = new HangfireHarness(workers, probe);
        var result = new Result(new Latencies(), new Latencies(), new Latencies(), new Latencies());
        for (var round = 0; round < rounds; round++)
        {
            var first = round * workers;
            var ids = Enumerable.Range(first, workers)
                .Select(slot => hangfire.Client.Enqueue(() => HangfireJobs.PollUntilDeleted(slot, JobCancellationToken.Null)))
                .ToArray();
            HangfireProbe.WaitUntil(() => probe.Started >= first + workers, TimeSpan.FromSeconds(30), "jobs to start");
            var calledAt = new long[ids.Length];
            var deletedAt = new long[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                calledAt[i] = Stopwatch.GetTimestamp();
                hangfire.Client.Delete(ids[i]);
                result.Call.Add(calledAt[i], Stopwatch.GetTimestamp());
                var id = ids[i];
                HangfireProbe.WaitUntil(() => hangfire.Monitoring.JobDetails(id)?.History.Any(h => h.StateName == DeletedState.StateName) == true,
                    TimeSpan.FromSeconds(30), "Deleted to be visible");
                deletedAt[i] = Stopwatch.GetTimestamp();
            }
            HangfireProbe.WaitUntil(() => probe.Exited >= first + workers, TimeSpan.FromSeconds(30), "jobs to exit");
            for (var i = 0; i < ids.Length; i++)
            {
                result.Observed.Add(calledAt[i], probe.ObservedAt[first + i]);
                result.Terminal.Add(calledAt[i], deletedAt[i]);
                result.Exited!.Add(calledAt[i], probe.ExitedAt[first + i]);
            }
        }
        return result;
    }
}

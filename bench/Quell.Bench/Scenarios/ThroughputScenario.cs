using System.Diagnostics;
using Hangfire;
using Quell.Bench.Hangfire;
using Quell.Bench.Quell;
using Quell.Bench.Reporting;

namespace Quell.Bench.Scenarios;

/// <summary>
/// N no-op jobs end to end: from the first submit to the last terminal state, durable. Quell: submitted through
/// <c>IJobService</c> on a fresh SQLite file, finished when the store published the N-th <c>job.completed</c>.
/// Hangfire: enqueued on fresh in-memory storage, finished when its statistics count N succeeded.
/// </summary>
internal static class ThroughputScenario
{
    private const int WarmupJobs = 2_000;

    internal sealed record Result(int Jobs, double SubmitSeconds, double TotalSeconds, Cost Cost)
    {
        public double JobsPerSecond => Jobs / TotalSeconds;
    }

    /// <summary>Process CPU time and managed allocations over a run, per job.</summary>
    internal sealed record Cost(double CpuMicroseconds, double AllocatedBytes)
    {
        public static (TimeSpan Cpu, long Allocated) Now()
        {
            using var process = Process.GetCurrentProcess();
            return (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false));
        }

        public static Cost Since((TimeSpan Cpu, long Allocated) start, int jobs)
        {
            var end = Now();
            return new Cost((end.Cpu - start.Cpu).TotalMicroseconds / jobs, (end.Allocated - start.Allocated) / (double)jobs);
        }
    }

    public static async Task RunAsync(ScenarioOptions options, int defaultJobs)
    {
        var jobs = options.Jobs ?? defaultJobs;
        var workers = options.Workers ?? 16;
        var submitters = options.Submitters ?? 32;
        var batch = options.Batch ?? 0;
        Console.WriteLine($"## throughput: {jobs:N0} no-op jobs, {workers} workers, {submitters} concurrent submitters" +
                          (batch > 0 ? $"; then Quell again submitting batches of {batch}" : ""));
        Result? quell = null, hangfire = null, batched = null;
        if (options.Runs("quell"))
        {
            await RunQuellAsync(WarmupJobs, workers, submitters, 0).ConfigureAwait(false);
            quell = await RunQuellAsync(jobs, workers, submitters, 0).ConfigureAwait(false);
            Print("Quell", quell);
            if (batch > 0)
            {
                await RunQuellAsync(WarmupJobs, workers, submitters, batch).ConfigureAwait(false);
                batched = await RunQuellAsync(jobs, workers, submitters, batch).ConfigureAwait(false);
                Print($"Quell b{batch}", batched);
            }
        }
        if (options.Runs("hangfire"))
        {
            RunHangfire(WarmupJobs, workers, submitters);
            hangfire = RunHangfire(jobs, workers, submitters);
            Print("Hangfire", hangfire);
        }
        if (quell is not null && hangfire is not null)
        {
            Comparison.Header();
            Comparison.Row("no-op jobs/s end to end (higher is better)", quell.JobsPerSecond, hangfire.JobsPerSecond, "F0");
            Comparison.Row("submit phase, s", quell.SubmitSeconds, hangfire.SubmitSeconds, "F2");
            Comparison.Row("process CPU per job, us", quell.Cost.CpuMicroseconds, hangfire.Cost.CpuMicroseconds, "F1");
            Comparison.Row("managed allocation per job, bytes", quell.Cost.AllocatedBytes, hangfire.Cost.AllocatedBytes, "F0");
        }
        if (batched is not null && hangfire is not null)
        {
            Console.WriteLine($"with batch submit ({batch} per call):");
            Comparison.Header();
            Comparison.Row("no-op jobs/s end to end (higher is better)", batched.JobsPerSecond, hangfire.JobsPerSecond, "F0");
            Comparison.Row("submit phase, s", batched.SubmitSeconds, hangfire.SubmitSeconds, "F2");
            Comparison.Row("process CPU per job, us", batched.Cost.CpuMicroseconds, hangfire.Cost.CpuMicroseconds, "F1");
            Comparison.Row("managed allocation per job, bytes", batched.Cost.AllocatedBytes, hangfire.Cost.AllocatedBytes, "F0");
        }
        Console.WriteLine();
    }

    private static void Print(string runtime, Result result) => Console.WriteLine(
        $"{runtime,-9} {result.JobsPerSecond,10:F0} jobs/s  (all submitted after {result.SubmitSeconds:F2} s, all terminal after {result.TotalSeconds:F2} s; " +
        $"{result.Cost.CpuMicroseconds:F1} us CPU and {result.Cost.AllocatedBytes:F0} B allocated per job)");

    private static async Task<Result> RunQuellAsync(int jobs, int workers, int submitters, int batch)
    {
        await using var quell = await QuellHarness.StartAsync(workers).ConfigureAwait(false);
        var allDone = quell.Probe.WhenTerminal(jobs);
        var cost = Cost.Now();
        var start = Stopwatch.GetTimestamp();
        if (batch > 0) await quell.SubmitBatchesAsync(BenchJobs.Noop, jobs, batch, submitters).ConfigureAwait(false);
        else await quell.SubmitManyAsync(BenchJobs.Noop, jobs, submitters).ConfigureAwait(false);
        var submitted = Stopwatch.GetTimestamp();
        await allDone.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        return new Result(jobs, Seconds(start, submitted), Seconds(start, quell.Probe.LastTerminalAt), Cost.Since(cost, jobs));
    }

    private static Result RunHangfire(int jobs, int workers, int submitters)
    {
        var probe = new HangfireProbe(0);
        using var hangfire = new HangfireHarness(workers, probe);
        var baseline = hangfire.Monitoring.GetStatistics().Succeeded;
        var cost = Cost.Now();
        var start = Stopwatch.GetTimestamp();
        Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = submitters },
            _ => hangfire.Client.Enqueue(() => HangfireJobs.Noop()));
        var submitted = Stopwatch.GetTimestamp();
        HangfireProbe.WaitUntil(() => probe.Done >= jobs, TimeSpan.FromMinutes(10), "all no-op jobs to run");
        // The counter moves when the method ran; the job is done once Succeeded is committed to storage.
        HangfireProbe.WaitUntil(() => hangfire.Monitoring.GetStatistics().Succeeded - baseline >= jobs,
            TimeSpan.FromMinutes(1), "all jobs to be Succeeded");
        var end = Stopwatch.GetTimestamp();
        return new Result(jobs, Seconds(start, submitted), Seconds(start, end), Cost.Since(cost, jobs));
    }

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}

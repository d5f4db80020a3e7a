using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Quell.Bench.Hangfire;
using Quell.Bench.Quell;
using Quell.Bench.Reporting;
using Quell.Jobs;

namespace Quell.Bench.Scenarios;

/// <summary>
/// N jobs running at once, each awaiting its cancellation (Quell: MaxConcurrency N; Hangfire: N workers). Each
/// runtime is measured in a child process of its own so that neither inherits the other's heap or threads.
/// Reports RSS and managed heap after a forced GC, before start, idle, and with all N running; then cancels all
/// and reports the time until every job is terminal (Quell) or has left its method (Hangfire).
/// </summary>
internal static class MemoryScenario
{
    private const string ResultPrefix = "RESULT ";

    internal sealed record Result(
        long RssBefore, long RssIdle, long RssRunning, long HeapRunning, long GcCommitted, long NativeSqlite, int Threads, double IdleCpuPercent,
        double StartSeconds, double DrainSeconds);

    public static async Task RunAsync(ScenarioOptions options, int defaultJobs)
    {
        var jobs = options.Jobs ?? defaultJobs;
        Console.WriteLine($"## memory: {jobs:N0} concurrently running jobs awaiting their token (one child process per runtime)");
        var quell = options.Runs("quell") ? await RunChildAsync("quell", jobs).ConfigureAwait(false) : null;
        if (quell is not null) Print("Quell", quell);
        var hangfire = options.Runs("hangfire") ? await RunChildAsync("hangfire", jobs).ConfigureAwait(false) : null;
        if (hangfire is not null) Print("Hangfire", hangfire);
        if (quell is not null && hangfire is not null)
        {
            Comparison.Header();
            Comparison.Row($"RSS with {jobs:N0} running, MB", Mb(quell.RssRunning), Mb(hangfire.RssRunning), "F1");
            Comparison.Row("RSS growth over before start, MB", Mb(quell.RssRunning - quell.RssBefore), Mb(hangfire.RssRunning - hangfire.RssBefore), "F1");
            Comparison.Row("managed heap with all running, MB", Mb(quell.HeapRunning), Mb(hangfire.HeapRunning), "F1");
            Comparison.Row("threads", quell.Threads, hangfire.Threads, "F0");
            Comparison.Row("CPU while all wait, % of one core", quell.IdleCpuPercent, hangfire.IdleCpuPercent, "F1");
            Comparison.Row("time to start all, s", quell.StartSeconds, hangfire.StartSeconds, "F2");
            Comparison.Row("time to drain after cancel-all, s", quell.DrainSeconds, hangfire.DrainSeconds, "F2");
        }
        Console.WriteLine();
    }

    private static void Print(string runtime, Result r) => Console.WriteLine(
        $"{runtime,-9} RSS before start {Mb(r.RssBefore):F1} MB, idle {(r.RssIdle < 0 ? "n/a" : Mb(r.RssIdle).ToString("F1"))} MB, " +
        $"all running {Mb(r.RssRunning):F1} MB (managed heap {Mb(r.HeapRunning):F1} MB, GC committed {Mb(r.GcCommitted):F1} MB, " +
        $"SQLite native {Mb(r.NativeSqlite):F1} MB, {r.Threads} threads, CPU while all wait {r.IdleCpuPercent:F1}% of one core); " +
        $"started all in {r.StartSeconds:F2} s, drained in {r.DrainSeconds:F2} s");

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static async Task<Result?> RunChildAsync(string runtime, int jobs)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(MemoryScenario).Assembly.Location);
        start.FileName = self;
        foreach (var arg in new[] { "memory-child", "--runtime", runtime, "--jobs", jobs.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        Result? result = null;
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal)) result = System.Text.Json.JsonSerializer.Deserialize<Result>(line[ResultPrefix.Length..]);
            else Console.WriteLine("  " + line);
        }
        await child.WaitForExitAsync().ConfigureAwait(false);
        if (child.ExitCode != 0 || result is null) Console.WriteLine($"{runtime}: child process failed (exit code {child.ExitCode}).");
        return result;
    }

    /// <summary>The child's side: measure one runtime and print one RESULT line.</summary>
    public static async Task RunChildAsync(ScenarioOptions options)
    {
        var jobs = options.Jobs ?? 10_000;
        var result = options.Runtime == "hangfire" ? MeasureHangfire(jobs) : await MeasureQuellAsync(jobs).ConfigureAwait(false);
        Console.WriteLine(ResultPrefix + System.Text.Json.JsonSerializer.Serialize(result));
    }

    private static async Task<Result> MeasureQuellAsync(int jobs)
    {
        var before = MachineInfo.MeasureMemory();
        await using var quell = await QuellHarness.StartAsync(jobs).ConfigureAwait(false);
        var idle = MachineInfo.MeasureMemory();
        SmapsBreakdown.Print("quell, idle");
        var started = quell.Probe.WhenStarted(jobs);
        var t0 = Stopwatch.GetTimestamp();
        var ids = await quell.SubmitManyAsync(BenchJobs.AwaitCancel, jobs, 64).ConfigureAwait(false);
        await started.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var startSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var running = MachineInfo.MeasureMemory();
        SmapsBreakdown.Print($"quell, {jobs:N0} waiting");
        var threads = ThreadCount();
        var idleCpu = IdleCpuPercent();
        SmapsBreakdown.Print($"quell, {jobs:N0} waiting, 5 s later (no forced GC)");

        var drained = quell.Probe.WhenTerminal(jobs);
        var t1 = Stopwatch.GetTimestamp();
        var request = new CancelRequest(null, Message: "bench");
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length) await quell.Jobs.CancelAsync(ids[i], request).ConfigureAwait(false);
        })).ConfigureAwait(false);
        await drained.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var drainSeconds = (quell.Probe.LastTerminalAt - t1) / (double)Stopwatch.Frequency;
        return new Result(before.Rss, idle.Rss, running.Rss, running.ManagedHeap, GcCommitted(), SqliteNative(), threads, idleCpu, startSeconds, drainSeconds);
    }

    private static Result MeasureHangfire(int jobs)
    {
        var before = MachineInfo.MeasureMemory();
        var probe = new HangfireProbe(jobs);
        // The watcher that fires a deleted job's token polls storage; 1 s instead of the default 5 s.
        using var hangfire = new HangfireHarness(jobs, probe, cancellationCheckInterval: TimeSpan.FromSeconds(1), start: false);
        // Enqueued before the server starts: in trial runs, enqueuing while thousands of idle workers waited on
        // the queue drove the load average past 200 on two cores. So there is no idle figure for Hangfire.
        var ids = Enumerable.Range(0, jobs)
            .Select(slot => hangfire.Client.Enqueue(() => HangfireJobs.WaitForAbort(slot, JobCancellationToken.Null)))
            .ToArray();
        var t0 = Stopwatch.GetTimestamp();
        hangfire.Start();
        HangfireProbe.WaitUntil(() => probe.Started >= jobs, TimeSpan.FromMinutes(5), "all jobs to start");
        var startSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var running = MachineInfo.MeasureMemory();
        var threads = ThreadCount();
        var idleCpu = IdleCpuPercent();

        var t1 = Stopwatch.GetTimestamp();
        Parallel.ForEach(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, id => hangfire.Client.Delete(id));
        HangfireProbe.WaitUntil(() => probe.Exited >= jobs, TimeSpan.FromMinutes(5), "all jobs to exit");
        var drainSeconds = Stopwatch.GetElapsedTime(t1).TotalSeconds;
        return new Result(before.Rss, -1, running.Rss, running.ManagedHeap, GcCommitted(), 0, threads, idleCpu, startSeconds, drainSeconds);
    }

    private static long GcCommitted() => GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;

    /// <summary>What SQLite's own allocator holds (page caches of every open connection, statements).</summary>
    private static long SqliteNative() => SQLitePCL.raw.sqlite3_memory_used();

    /// <summary>
    /// Process CPU time over 3 s in which every job only waits: the runtime's own housekeeping. Measured after 2 s
    /// of settling, so the one-time persisting of each job's first checkpoint is not counted.
    /// </summary>
    private static double IdleCpuPercent()
    {
        Thread.Sleep(TimeSpan.FromSeconds(2));
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMilliseconds / Stopwatch.GetElapsedTime(wall).TotalMilliseconds * 100;
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }
}

using System.Diagnostics;
using Hangfire;
using Quell.Bench.Hangfire;
using Quell.Bench.Quell;
using Quell.Bench.Scenarios;
using static Quell.Bench.Scenarios.ThroughputScenario;

namespace Quell.Bench.Postgres;

/// <summary>
/// No-op jobs end to end on one PostgreSQL, every runtime in this invocation: Quell with 1 and 3 in-process nodes
/// (submits spread over the nodes; done when node 0 has published the N-th terminal event), Hangfire.PostgreSql,
/// and the npm peers pg-boss and graphile-worker (a child process). CPU and allocation are this process's (the
/// node peers': their own process's CPU); the PostgreSQL server's CPU is in none of them.
/// </summary>
internal static class PgThroughputScenario
{
    private const int WarmupJobs = 2_000;

    public static async Task RunAsync(ScenarioOptions options, int defaultJobs)
    {
        var connection = options.Connection ?? throw new ArgumentException("--connection (or QUELL_TEST_POSTGRES) is required");
        var jobs = options.Jobs ?? defaultJobs;
        var peerJobs = options.PeerJobs ?? 5_000;
        var workers = options.Workers ?? 16;
        var submitters = options.Submitters ?? 32;
        Console.WriteLine($"## pg-throughput: {jobs:N0} no-op jobs for Quell, {peerJobs:N0} for the peers, {workers} workers per node, {submitters} concurrent submitters");
        Console.WriteLine($"postgres  {await PgServerInfo.DescribeAsync(connection).ConfigureAwait(false)}");
        var rows = new List<(string Name, double JobsPerSecond, string Detail)>();
        if (options.Runs("quell"))
        {
            foreach (var nodes in new[] { 1, 3 })
            {
                await RunQuellAsync(connection, nodes, WarmupJobs, workers, submitters).ConfigureAwait(false);
                var result = await RunQuellAsync(connection, nodes, jobs, workers, submitters).ConfigureAwait(false);
                rows.Add(Row($"Quell, {nodes} node{(nodes == 1 ? "" : "s")}", result));
                Console.WriteLine($"{rows[^1].Name,-22} {rows[^1].JobsPerSecond,9:F0} jobs/s  {rows[^1].Detail}");
            }
        }
        if (options.Runs("hangfire"))
        {
            var result = RunHangfire(connection, peerJobs, workers, submitters);
            rows.Add(Row("Hangfire.PostgreSql", result));
            Console.WriteLine($"{rows[^1].Name,-22} {rows[^1].JobsPerSecond,9:F0} jobs/s  {rows[^1].Detail}");
        }
        if (options.Runs("node"))
        {
            foreach (var peer in await NodePeers.RunAsync(connection, peerJobs, workers, submitters).ConfigureAwait(false))
            {
                rows.Add((peer.Peer, peer.JobsPerSecond,
                    $"(n={peer.Jobs}, submitted {peer.SubmitSeconds:F2} s, terminal {peer.TotalSeconds:F2} s; {peer.CpuMicrosecondsPerJob:F1} us node CPU per job)"));
                Console.WriteLine($"{rows[^1].Name,-22} {rows[^1].JobsPerSecond,9:F0} jobs/s  {rows[^1].Detail}");
            }
        }
        if (rows.Count > 1)
        {
            Console.WriteLine($"{"runtime",-22} {"jobs/s",9} {"x of Quell 1 node",18}");
            foreach (var row in rows) Console.WriteLine($"{row.Name,-22} {row.JobsPerSecond,9:F0} {row.JobsPerSecond / rows[0].JobsPerSecond,18:F3}");
        }
        Console.WriteLine();
    }

    private static (string, double, string) Row(string name, Result r) => (name, r.JobsPerSecond,
        $"(n={r.Jobs}, submitted {r.SubmitSeconds:F2} s, terminal {r.TotalSeconds:F2} s; {r.Cost.CpuMicroseconds:F1} us CPU and {r.Cost.AllocatedBytes:F0} B allocated per job)");

    private static async Task<Result> RunQuellAsync(string connection, int nodes, int jobs, int workers, int submitters)
    {
        await using var cluster = await PgQuellCluster.StartAsync(connection, nodes, workers).ConfigureAwait(false);
        var allDone = cluster.Probe.WhenTerminal(jobs);
        var cost = Cost.Now();
        var start = Stopwatch.GetTimestamp();
        await cluster.SubmitManyAsync(BenchJobs.Noop, jobs, submitters).ConfigureAwait(false);
        var submitted = Stopwatch.GetTimestamp();
        await allDone.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        return new Result(jobs, Seconds(start, submitted), Seconds(start, cluster.Probe.LastTerminalAt), Cost.Since(cost, jobs));
    }

    private static Result RunHangfire(string connection, int jobs, int workers, int submitters)
    {
        var schema = "bench_hangfire_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var probe = new HangfireProbe(0);
            using var hangfire = new HangfireHarness(workers, probe, storage: HangfirePostgres.Create(connection, schema));
            Enqueue(hangfire, Math.Min(WarmupJobs, jobs), submitters);
            HangfireProbe.WaitUntil(() => hangfire.Monitoring.GetStatistics().Succeeded >= Math.Min(WarmupJobs, jobs),
                TimeSpan.FromMinutes(10), "the warm-up jobs");
            var baseline = hangfire.Monitoring.GetStatistics().Succeeded;
            var cost = Cost.Now();
            var start = Stopwatch.GetTimestamp();
            Enqueue(hangfire, jobs, submitters);
            var submitted = Stopwatch.GetTimestamp();
            HangfireProbe.WaitUntil(() => hangfire.Monitoring.GetStatistics().Succeeded - baseline >= jobs,
                TimeSpan.FromMinutes(10), "all jobs to be Succeeded");
            var end = Stopwatch.GetTimestamp();
            return new Result(jobs, Seconds(start, submitted), Seconds(start, end), Cost.Since(cost, jobs));
        }
        finally
        {
            PgSchemas.DropAsync(connection, schema).GetAwaiter().GetResult();
        }
    }

    private static void Enqueue(HangfireHarness hangfire, int jobs, int submitters) =>
        Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = submitters },
            _ => hangfire.Client.Enqueue(() => HangfireJobs.Noop()));

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}

using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Quell.Bench.Hangfire;
using Quell.Bench.Reporting;
using Quell.Bench.Scenarios;
using Quell.Jobs;

namespace Quell.Bench.Postgres;

/// <summary>
/// Cancel latency on PostgreSQL. Quell, 1 and 3 in-process nodes: rounds of running jobs, each cancelled one at a
/// time through a node other than the one running it (with 3 nodes; with 1, its own), measured from the call to
/// (a) the handler's token firing on the running node and (b) <c>job.cancelled</c> published by node 0 after its
/// commit. Hangfire.PostgreSql: <c>Delete</c> until the job's <c>ShutdownToken</c> fires, which its server's
/// cancellation watcher does when it next polls storage (default interval), and until Deleted is visible.
/// </summary>
internal static class PgCancelLatencyScenario
{
    public static async Task RunAsync(ScenarioOptions options, int defaultCancels)
    {
        var connection = options.Connection ?? throw new ArgumentException("--connection (or QUELL_TEST_POSTGRES) is required");
        var cancels = options.Cancels ?? defaultCancels;
        var peerCancels = options.PeerCancels ?? 32;
        var workers = options.Workers ?? 16;
        Console.WriteLine($"## pg-cancel-latency: {cancels:N0} Quell cancels and {peerCancels} Hangfire ones, rounds of {workers} running jobs, cancelled one at a time");
        Console.WriteLine($"postgres  {await PgServerInfo.DescribeAsync(connection).ConfigureAwait(false)}");
        if (options.Runs("quell"))
        {
            foreach (var nodes in new[] { 1, 3 })
            {
                await RunQuellAsync(connection, nodes, workers, workers).ConfigureAwait(false); // warm-up
                var (observed, terminal, crossNode) = await RunQuellAsync(connection, nodes, cancels, workers).ConfigureAwait(false);
                var label = nodes == 1 ? "Quell, 1 node" : $"Quell, 3 nodes ({crossNode} of {observed.Count} cancels cross-node)";
                Console.WriteLine($"{label}");
                Console.WriteLine($"  (a) handler token fired       {observed.Summary()}");
                Console.WriteLine($"  (b) job.cancelled published   {terminal.Summary()}");
            }
        }
        if (options.Runs("hangfire"))
        {
            var (observed, terminal) = RunHangfire(connection, peerCancels, workers);
            Console.WriteLine("Hangfire.PostgreSql");
            Console.WriteLine($"  (a) ShutdownToken fired       {observed.Summary()}");
            Console.WriteLine($"  (b) Deleted visible           {terminal.Summary()}");
        }
        Console.WriteLine();
    }

    private static async Task<(Latencies Observed, Latencies Terminal, int CrossNode)> RunQuellAsync(
        string connection, int nodes, int cancels, int workers)
    {
        await using var cluster = await PgQuellCluster.StartAsync(connection, nodes, workers).ConfigureAwait(false);
        var probe = cluster.Probe;
        probe.TrackPerJob = true;
        var observed = new Latencies();
        var terminal = new Latencies();
        var crossNode = 0;
        var request = new CancelRequest(null, Message: "bench");
        for (var done = 0; done < cancels; done += workers)
        {
            var started = probe.WhenStarted(done + workers);
            var ids = await cluster.SubmitManyAsync(TaggedAwaitCancelJob.Type, workers, workers).ConfigureAwait(false);
            await started.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var allTerminal = probe.WhenTerminal(done + workers);
            var calledAt = new long[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                var runner = cluster.RunningOn.Node[ids[i]];
                var via = (runner + 1) % nodes;
                if (via != runner) crossNode++;
                calledAt[i] = Stopwatch.GetTimestamp();
                await cluster.Jobs[via].CancelAsync(ids[i], request).ConfigureAwait(false);
            }
            await allTerminal.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            // The counters are totals, so check each job: both timestamps there, no job ended twice (reported, not thrown).
            var round = ids;
            HangfireProbe.WaitUntil(() => round.All(id => probe.ObservedAt.ContainsKey(id) && probe.TerminalAt.ContainsKey(id)),
                TimeSpan.FromSeconds(5), "", throwOnTimeout: false);
            for (var i = 0; i < ids.Length; i++)
            {
                if (probe.ObservedAt.TryGetValue(ids[i], out var seen)) observed.Add(calledAt[i], seen);
                else Console.WriteLine($"  job {ids[i]}: the handler's token never fired");
                if (probe.TerminalAt.TryGetValue(ids[i], out var endedAt)) terminal.Add(calledAt[i], endedAt);
                else Console.WriteLine($"  job {ids[i]}: no job.cancelled published on node 0 within 5 s");
            }
        }
        if (probe.RepeatedTerminals > 0) Console.WriteLine($"  {probe.RepeatedTerminals} terminal events published for jobs that had ended already");
        return (observed, terminal, crossNode);
    }

    private static (Latencies Observed, Latencies Terminal) RunHangfire(string connection, int cancels, int workers)
    {
        var schema = "bench_hangfire_" + Guid.NewGuid().ToString("N")[..8];
        var rounds = (cancels + workers - 1) / workers;
        var probe = new HangfireProbe(rounds * workers);
        var observed = new Latencies();
        var terminal = new Latencies();
        try
        {
            using var hangfire = new HangfireHarness(workers, probe, storage: HangfirePostgres.Create(connection, schema));
            for (var round = 0; round < rounds; round++)
            {
                var first = round * workers;
                var ids = Enumerable.Range(first, workers)
                    .Select(slot => hangfire.Client.Enqueue(() => HangfireJobs.WaitForAbort(slot, JobCancellationToken.Null)))
                    .ToArray();
                HangfireProbe.WaitUntil(() => probe.Started >= first + workers, TimeSpan.FromSeconds(60), "jobs to start");
                var calledAt = new long[ids.Length];
                var deletedAt = new long[ids.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    calledAt[i] = Stopwatch.GetTimestamp();
                    hangfire.Client.Delete(ids[i]);
                    var id = ids[i];
                    HangfireProbe.WaitUntil(() => hangfire.Monitoring.JobDetails(id)?.History.Any(h => h.StateName == DeletedState.StateName) == true,
                        TimeSpan.FromSeconds(30), "Deleted to be visible");
                    deletedAt[i] = Stopwatch.GetTimestamp();
                }
                HangfireProbe.WaitUntil(() => probe.Exited >= first + workers, TimeSpan.FromSeconds(60), "jobs to exit");
                for (var i = 0; i < ids.Length; i++)
                {
                    observed.Add(calledAt[i], probe.ExitedAt[first + i]);
                    terminal.Add(calledAt[i], deletedAt[i]);
                }
            }
        }
        finally
        {
            PgSchemas.DropAsync(connection, schema).GetAwaiter().GetResult();
        }
        return (observed, terminal);
    }
}

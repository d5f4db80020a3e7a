using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quell.Events;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Storage.Postgres.Tests;

/// <summary>
/// Three full runtimes on one schema, each job cancelled through a node other than the one running it: the store
/// holds exactly one terminal event per job, and every node's bus hands each job's terminal event to its
/// subscribers exactly once (the bench's 3-node cancel round counts them on one node's bus).
/// </summary>
public sealed class PostgresCrossNodeCancelTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Nodes = 3;
    private const int Rounds = 12;
    private const int PerRound = 16;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task Jobs_cancelled_through_another_node_end_once_in_the_store_and_once_on_every_nodes_bus()
    {
        var schema = database.NextSchema();
        var runningOn = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var started = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var buses = Enumerable.Range(0, Nodes).Select(_ => new CountingBus()).ToArray();
        var watchers = buses.Select(b => b.Subscribe(capacity: 100_000)).ToArray();
        var hosts = new List<IHost>();
        try
        {
            for (var n = 0; n < Nodes; n++) hosts.Add(await StartNodeAsync(schema, n, buses[n], runningOn, started));
            var jobs = hosts.Select(h => h.Services.GetRequiredService<IJobService>()).ToArray();
            var all = new List<string>();
            for (var round = 0; round < Rounds; round++)
            {
                var ids = new string[PerRound];
                for (var i = 0; i < PerRound; i++)
                {
                    ids[i] = (await jobs[i % Nodes].SubmitAsync(new JobSubmission(AwaitCancel.Type, Empty, "alice"))).Id;
                }
                all.AddRange(ids);
                await Eventually(() => ids.All(runningOn.ContainsKey), () => $"{ids.Count(runningOn.ContainsKey)} of {PerRound} started");
                foreach (var id in ids)
                {
                    var via = (runningOn[id] + 1) % Nodes;
                    var outcome = await jobs[via].CancelAsync(id, new CancelRequest(null, Message: "stop"));
                    Assert.Equal(CancelOutcomeKind.Cancelling, outcome.Kind);
                }
                // Each node's bus must see every job of the round end, and no job end twice.
                foreach (var bus in buses)
                {
                    await Eventually(() => ids.All(id => bus.Terminal(id) >= 1),
                        () => $"node {Array.IndexOf(buses, bus)}: {ids.Count(id => bus.Terminal(id) >= 1)} of {PerRound} ended");
                }
            }

            var stored = await TerminalEventsPerJobAsync(schema);
            Assert.All(all, id => Assert.Equal(1, stored.GetValueOrDefault(id)));
            Assert.All(all, id => Assert.Equal(1, started[id]));
            for (var n = 0; n < Nodes; n++)
            {
                var bus = buses[n];
                Assert.All(all, id => Assert.True(bus.Terminal(id) == 1, $"node {n} published job {id}'s end {bus.Terminal(id)} times"));
                Assert.Equal(all.Count, bus.TerminalTotal);
                // What a subscriber (an SSE stream, the MCP runner) reads: each job's end once.
                var delivered = new Dictionary<string, int>(StringComparer.Ordinal);
                while (watchers[n].Reader.TryRead(out var e))
                {
                    if (JobEventTypes.IsTerminal(e.Type)) delivered[e.JobId] = delivered.GetValueOrDefault(e.JobId) + 1;
                }
                Assert.All(all, id => Assert.Equal(1, delivered.GetValueOrDefault(id)));
            }
        }
        finally
        {
            foreach (var host in hosts) await host.StopAsync();
            foreach (var host in hosts) host.Dispose();
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }

    private async Task<IHost> StartNodeAsync(
        string schema, int index, CountingBus bus, ConcurrentDictionary<string, int> runningOn, ConcurrentDictionary<string, int> started)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IJobEventBus>(bus);
        builder.Services.AddSingleton(new NodeIndex(index, runningOn, started));
        builder.Services.AddQuell(q => q.AddJob<JsonElement, int, AwaitCancel>(AwaitCancel.Type)
            .Configure(o =>
            {
                o.DataDirectory = Path.Combine(Path.GetTempPath(), "quell-pg-tests", schema);
                o.NodeId = $"node-{index}";
                o.MaxConcurrency = PerRound;
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                o.ShutdownNoticePeriod = TimeSpan.Zero;
            })).UsePostgresStore(database.ConnectionString, store => store.Schema = schema);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<Dictionary<string, int>> TerminalEventsPerJobAsync(string schema)
    {
        await using var connection = await database.OpenAsync(schema);
        await using var command = new NpgsqlCommand(
            "SELECT job_id, count(*) FROM events WHERE type IN ('job.cancelled', 'job.completed', 'job.failed') GROUP BY job_id",
            connection);
        await using var rows = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await rows.ReadAsync()) counts[rows.GetString(0)] = (int)rows.GetInt64(1);
        return counts;
    }

    private static async Task Eventually(Func<bool> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, describe());
            await Task.Delay(5);
        }
    }

    private static readonly JsonElement Empty = JsonSerializer.SerializeToElement(new { });

    private sealed record NodeIndex(int Index, ConcurrentDictionary<string, int> RunningOn, ConcurrentDictionary<string, int> Started);

    /// <summary>Waits for its token; records where it runs and how often it started.</summary>
    private sealed class AwaitCancel(NodeIndex node) : IJobHandler<JsonElement, int>
    {
        public const string Type = "test.await-cancel";

        public async Task<int> ExecuteAsync(JsonElement input, IJobContext context)
        {
            node.Started.AddOrUpdate(context.JobId, 1, static (_, n) => n + 1);
            node.RunningOn[context.JobId] = node.Index;
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            context.Checkpoint("stopped");
            return 0;
        }
    }

    /// <summary>The in-process bus, counting the terminal events it hands out per job (synchronously, as published).</summary>
    private sealed class CountingBus : IJobEventBus
    {
        private readonly InProcessJobEventBus _inner = new();
        private readonly ConcurrentDictionary<string, int> _terminal = new(StringComparer.Ordinal);
        private int _total;

        public int TerminalTotal => Volatile.Read(ref _total);

        public int Terminal(string jobId) => _terminal.GetValueOrDefault(jobId);

        public void Publish(IReadOnlyList<JobEvent> events)
        {
            foreach (var e in events)
            {
                if (!JobEventTypes.IsTerminal(e.Type)) continue;
                _terminal.AddOrUpdate(e.JobId, 1, static (_, n) => n + 1);
                Interlocked.Increment(ref _total);
            }
            _inner.Publish(events);
        }

        public JobEventSubscription Subscribe(string? jobId = null, int capacity = 4096) => _inner.Subscribe(jobId, capacity);

        public bool HasSubscribers(string jobId) => _inner.HasSubscribers(jobId);
    }
}

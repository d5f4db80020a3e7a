using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Schema;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Tests;

/// <summary>What only a shared, networked store has to prove: several nodes on one schema, migrations, broken connections.</summary>
public sealed class PostgresJobStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    [PostgresFact]
    public async Task Nodes_that_start_at_once_migrate_the_schema_once()
    {
        for (var round = 0; round < 5; round++)
        {
            var schema = database.NextSchema();
            var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OpenAsync(schema)));
            try
            {
                await using var connection = await database.OpenAsync(schema);
                await using var versions = new NpgsqlCommand("SELECT array_agg(version ORDER BY version) FROM schema_migrations", connection);
                Assert.Equal(Enumerable.Range(1, PostgresMigrations.Steps.Count), (int[])(await versions.ExecuteScalarAsync())!);
                await stores[0].CreateAsync(Job("a"));
                Assert.NotNull(await stores[5].GetAsync("a"));
            }
            finally
            {
                foreach (var store in stores) await store.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task A_schema_from_a_newer_version_is_refused()
    {
        var schema = database.NextSchema();
        await (await OpenAsync(schema)).DisposeAsync();
        await using (var connection = await database.OpenAsync(schema))
        {
            await using var bump = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (999)", connection);
            await bump.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(schema));

        Assert.Contains("has version 999", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Three_nodes_claiming_at_once_start_every_job_exactly_once()
    {
        const int Jobs = 2_000;
        var schema = database.NextSchema();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OpenAsync(schema)));
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Jobs).Select(i => nodes[i % 3].CreateAsync(Job($"j{i}")).AsTask()));
            var claimedBy = new ConcurrentDictionary<string, ConcurrentBag<string>>();
            // Each node claims with several callers at once, in small batches, until the queue is empty.
            await Task.WhenAll(nodes.SelectMany((node, n) => Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
            {
                while (true)
                {
                    var claimed = await node.ClaimAsync(new JobClaim($"node-{n}", 7, ["work"], T0, T0.AddMinutes(5)));
                    if (claimed.Count == 0) return;
                    foreach (var job in claimed) claimedBy.GetOrAdd(job.Id, _ => []).Add($"node-{n}");
                }
            }))));

            Assert.Equal(Jobs, claimedBy.Count);
            Assert.All(claimedBy, pair => Assert.Single(pair.Value));
            await using var connection = await database.OpenAsync(schema);
            await using var started = new NpgsqlCommand(
                "SELECT count(*), count(DISTINCT job_id) FROM events WHERE type = 'job.started'", connection);
            await using var row = await started.ExecuteReaderAsync();
            await row.ReadAsync();
            Assert.Equal((Jobs, Jobs), ((int)row.GetInt64(0), (int)row.GetInt64(1)));
            Assert.Equal(Jobs, (await nodes[1].ListAsync(new JobQuery(Status: JobStatus.Running, Limit: 1))).Total);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task Every_node_publishes_every_event_of_the_cluster_once_in_sequence_order()
    {
        var schema = database.NextSchema();
        var buses = new[] { new InProcessJobEventBus(), new InProcessJobEventBus() };
        var subscriptions = buses.Select(b => b.Subscribe(capacity: 100_000)).ToArray();
        var nodes = await Task.WhenAll(buses.Select(bus => OpenAsync(schema, bus)));
        try
        {
            // Both nodes write at once, so their batches interleave in the event log.
            await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => nodes[i % 2].CreateAsync(Job($"j{i}")).AsTask()));
            await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
                nodes[(i + 1) % 2].RequestCancelAsync($"j{i}", new CancellationInfo(CancellationReason.UserRequested, null, null, T0)).AsTask()));

            // 1,000 created + 2,000 cancel events, numbered 1..3000 without gaps; each node's bus gets all of them,
            // its own at commit and the other's through NOTIFY, once each and in order.
            var expected = Enumerable.Range(1, 3_000).Select(i => (long)i).ToArray();
            foreach (var subscription in subscriptions)
            {
                var seen = new List<long>();
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while (seen.Count < expected.Length && DateTime.UtcNow < deadline)
                {
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    try
                    {
                        var e = await subscription.Reader.ReadAsync(wait.Token);
                        seen.Add(e.Seq);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
                Assert.Equal(expected, seen);
            }
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            foreach (var subscription in subscriptions) subscription.Dispose();
        }
    }

    [PostgresFact]
    public async Task An_operation_whose_statement_fails_inside_a_batch_does_not_fail_the_others()
    {
        var bus = new InProcessJobEventBus();
        await using var store = await OpenAsync(database.NextSchema(), bus);
        using var published = bus.Subscribe();
        await store.CreateAsync(Job("existing"));
        using var gate = new ManualResetEventSlim();
        var held = store.Enqueue(new GateOperation(gate)).AsTask();

        // Queued behind the gate, so the writer takes all of them in one batch.
        var creates = Enumerable.Range(0, 50).Select(i => store.CreateAsync(Job($"j{i}")).AsTask()).ToList();
        var duplicate = store.CreateAsync(Job("existing")).AsTask();                 // fails in C#, no write
        var aborting = store.Enqueue(new FailingStatementOperation("existing")).AsTask(); // aborts the transaction
        creates.AddRange(Enumerable.Range(50, 50).Select(i => store.CreateAsync(Job($"j{i}")).AsTask()));
        gate.Set();

        await held;
        await Task.WhenAll(creates);
        await Assert.ThrowsAsync<DuplicateJobIdException>(() => duplicate);
        await Assert.ThrowsAsync<PostgresException>(() => aborting);
        Assert.Equal(101, (await store.ListAsync(new JobQuery(Limit: 1000))).Total);
        Assert.Single(await store.ReadEventsAsync("existing", 0)); // the failed operation's event was rolled back
        var seqs = new List<long>();
        while (published.Reader.TryRead(out var e)) seqs.Add(e.Seq);
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i), seqs); // no gaps, nothing from the failures
    }

    [PostgresFact]
    public async Task The_writer_replaces_a_connection_the_server_terminated()
    {
        var schema = database.NextSchema();
        await using var store = await OpenAsync(schema);
        await store.CreateAsync(Job("before"));

        for (var round = 0; round < 5; round++)
        {
            await using (var admin = await database.OpenAsync())
            {
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
                    "WHERE datname = current_database() AND application_name = 'quell' AND pid <> pg_backend_pid()", admin);
                Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
            }
            // The batch that meets the dead connection may fail; the next one runs on a new connection.
            var failures = 0;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    await store.CreateAsync(Job($"after-{round}-{attempt}"));
                }
                catch (NpgsqlException)
                {
                    failures++;
                }
            }
            Assert.True(failures <= 1, $"round {round}: {failures} writes failed after one terminated connection");
        }
        Assert.NotNull(await store.GetAsync("before"));
        Assert.True((await store.ListAsync(new JobQuery())).Total >= 6);
    }

    [PostgresFact]
    public async Task Reopening_keeps_everything_and_sequence_numbers_are_not_reused_after_a_purge()
    {
        var schema = database.NextSchema();
        long lastSeq;
        await using (var store = await OpenAsync(schema))
        {
            await store.CreateAsync(Job("a"));
            await store.RequestCancelAsync("a", new CancellationInfo(CancellationReason.UserRequested, null, null, T0));
            lastSeq = (await store.ReadEventsAsync("a", 0))[^1].Seq;
            Assert.Equal(1, await store.PurgeFinishedAsync(T0.AddDays(1)));
        }

        await using var reopened = await OpenAsync(schema);
        await reopened.CreateAsync(Job("b"));

        Assert.Equal(lastSeq + 1, Assert.Single(await reopened.ReadEventsAsync("b", 0)).Seq);
    }

    [PostgresFact]
    public async Task Jobs_running_on_another_node_are_left_alone_at_open()
    {
        var schema = database.NextSchema();
        await using var first = await OpenAsync(schema);
        await first.CreateAsync(Job("a"));
        await first.ClaimAsync(new JobClaim("node-1", 1, ["work"], T0, DateTimeOffset.UtcNow.AddHours(1)));

        await using var second = await OpenAsync(schema);

        Assert.Empty(await second.GetExpiredLeasesAsync(DateTimeOffset.UtcNow));
        Assert.Equal(JobStatus.Running, (await second.GetAsync("a"))!.Status);
    }

    private Task<PostgresJobStore> OpenAsync(string schema, IJobEventBus? bus = null) =>
        PostgresJobStore.OpenAsync(
            new PostgresJobStoreOptions { ConnectionString = database.ConnectionString, Schema = schema },
            bus ?? new InProcessJobEventBus());

    private static NewJob Job(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);

    [PostgresFact]
    public async Task Operations_sent_in_one_round_trip_run_in_queue_order_and_a_failing_one_fails_alone()
    {
        var bus = new InProcessJobEventBus();
        await using var store = await OpenAsync(database.NextSchema(), bus);
        using var published = bus.Subscribe();
        await store.CreateAsync(Job("running"));
        Assert.Single(await store.ClaimAsync(new JobClaim("node", 1, ["work"], T0, T0.AddHours(1))));
        using var gate = new ManualResetEventSlim();
        var held = store.Enqueue(new GateOperation(gate)).AsTask();

        // One batch, all pipelined: creates, a statement that fails on the server, a cancelled finish without a
        // request (refused in C#), a claim that must see the creates queued before it and none after, more creates.
        var first = Enumerable.Range(0, 30).Select(i => store.CreateAsync(Job($"a{i}")).AsTask()).ToList();
        var failing = store.Enqueue(new FailingPipelinedOperation()).AsTask();
        var refused = store.FinishAsync(new JobFinish("running", JobStatus.Cancelled, T0)).AsTask();
        var claim = store.ClaimAsync(new JobClaim("node", 100, ["work"], T0, T0.AddHours(1))).AsTask();
        var later = Enumerable.Range(0, 30).Select(i => store.CreateAsync(Job($"b{i}")).AsTask()).ToList();
        gate.Set();

        await held;
        await Task.WhenAll(first.Concat(later));
        await Assert.ThrowsAsync<PostgresException>(() => failing);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"a{i}"), (await claim).Select(j => j.Id));
        Assert.Equal(JobStatus.Running, (await store.GetAsync("running"))!.Status);
        // created 1 + started 1, then 30 created, 30 started, 30 created: numbered without gaps, published once.
        var seqs = new List<long>();
        while (published.Reader.TryRead(out var e)) seqs.Add(e.Seq);
        Assert.Equal(Enumerable.Range(1, 92).Select(i => (long)i), seqs);
    }

    private sealed class FailingPipelinedOperation() : PipelinedWriteOperation<bool>(CancellationToken.None)
    {
        public override void AddCommands(NpgsqlBatch batch) => batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT 1 / 0"));

        public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
        {
            var rows = await results.NextAsync();
            await rows.ReadAsync();
            Result = true;
        }
    }

    private sealed class GateOperation(ManualResetEventSlim gate) : WriteOperation<bool>(CancellationToken.None)
    {
        public override async Task ExecuteAsync(WriteContext context)
        {
            var opened = await System.Threading.Tasks.Task.Run(() => gate.Wait(TimeSpan.FromSeconds(10)));
            Result = opened;
        }
    }

    private sealed class FailingStatementOperation(string jobId) : WriteOperation<bool>(CancellationToken.None)
    {
        public override async Task ExecuteAsync(WriteContext context)
        {
            context.AppendEvent(jobId, JobEventTypes.Log, T0, JobEventData.Log("info", "never committed"));
            await using var command = context.Command("SELECT 1 / 0");
            await command.ExecuteScalarAsync();
        }
    }
}

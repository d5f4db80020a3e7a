using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using Quell.Cancellation;
using Quell.Events;
using Quell.Storage.Postgres.Notifications;

namespace Quell.Storage.Postgres.Tests;

/// <summary>LISTEN/NOTIFY between nodes: new work, cancel requests and events reach the other node, and a lost listening connection loses none of them.</summary>
public sealed class PostgresSignalTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public async Task Work_submitted_on_another_node_wakes_the_listener()
    {
        var schema = database.NextSchema();
        await using var a = await OpenAsync(schema);
        await using var b = await OpenAsync(schema);
        var wakes = Channel.CreateUnbounded<bool>();
        using var listening = a.Listen(() => wakes.Writer.TryWrite(true), (_, _) => { });

        for (var i = 0; i < 20; i++)
        {
            while (wakes.Reader.TryRead(out _))
            {
            }
            await b.CreateAsync(Job($"j{i}"));
            using var timeout = new CancellationTokenSource(Generous);
            Assert.True(await wakes.Reader.ReadAsync(timeout.Token));
        }
    }

    [PostgresFact]
    public async Task Cancel_requests_recorded_on_another_node_are_relayed_with_their_reason()
    {
        const int Jobs = 200;
        var schema = database.NextSchema();
        await using var runner = await OpenAsync(schema);
        await using var canceller = await OpenAsync(schema);
        var relayed = new ConcurrentDictionary<string, CancellationInfo>();
        using var listening = runner.Listen(() => { }, (id, info) => relayed.TryAdd(id, info));
        await Task.WhenAll(Enumerable.Range(0, Jobs).Select(i => runner.CreateAsync(Job($"j{i}")).AsTask()));
        Assert.Equal(Jobs, (await runner.ClaimAsync(new JobClaim("runner", Jobs, ["work"], T0, T0.AddHours(1)))).Count);

        await Task.WhenAll(Enumerable.Range(0, Jobs).Select(i => canceller.RequestCancelAsync(
            $"j{i}", new CancellationInfo(CancellationReason.Timeout, $"stop {i}", "bob", T0.AddSeconds(i))).AsTask()));

        await Eventually(() => relayed.Count == Jobs, () => $"{relayed.Count} of {Jobs} cancels relayed");
        Assert.All(Enumerable.Range(0, Jobs), i =>
            Assert.Equal(new CancellationInfo(CancellationReason.Timeout, $"stop {i}", "bob", T0.AddSeconds(i)), relayed[$"j{i}"]));
    }

    [PostgresFact]
    public async Task A_terminated_listening_connection_is_replaced_and_nothing_committed_meanwhile_is_lost()
    {
        var schema = database.NextSchema();
        var bus = new InProcessJobEventBus();
        using var all = bus.Subscribe(capacity: 100_000);
        await using var runner = await OpenAsync(schema, bus);
        await using var canceller = await OpenAsync(schema);
        var relayed = new ConcurrentDictionary<string, CancellationInfo>();
        using var listening = runner.Listen(() => { }, (id, info) => relayed.TryAdd(id, info));
        var cancelled = 0;

        for (var round = 0; round < 5; round++)
        {
            var ids = Enumerable.Range(0, 20).Select(i => $"r{round}-{i}").ToArray();
            foreach (var id in ids) await runner.CreateAsync(Job(id));
            await runner.ClaimAsync(new JobClaim("runner", ids.Length, ["work"], T0, T0.AddHours(1)));
            var before = runner.ListenerConnections;

            // Kill the listener, and cancel from the other node while it is gone (and while it comes back).
            var killed = await TerminateListenersAsync();
            Assert.True(killed >= 1, "no listening connection to terminate");
            foreach (var id in ids)
            {
                await canceller.RequestCancelAsync(id, new CancellationInfo(CancellationReason.UserRequested, "bye", "bob", T0));
                cancelled++;
            }

            await Eventually(() => runner.ListenerConnections > before, () => "the listener never reconnected");
            await Eventually(() => relayed.Count == cancelled, () => $"round {round}: {relayed.Count} of {cancelled} cancels relayed");
        }

        // The runner's bus got every event of both nodes, once, in order.
        var last = await HeadAsync(schema);
        var seen = new List<long>();
        await Eventually(() =>
        {
            while (all.Reader.TryRead(out var e)) seen.Add(e.Seq);
            return seen.Count >= last;
        }, () => $"{seen.Count} of {last} events published");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seen);
    }

    [PostgresFact]
    public async Task A_node_given_an_application_name_listens_under_that_name()
    {
        var schema = database.NextSchema();
        var named = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "node-b" }.ConnectionString;
        await using var store = await PostgresJobStore.OpenAsync(
            new PostgresJobStoreOptions { ConnectionString = named, Schema = schema }, new InProcessJobEventBus());

        Assert.Equal("node-b-listener", store.ListenerApplicationName);
        await using var admin = await database.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'node-b-listener'", admin);
        await Eventually(() => (long)count.ExecuteScalar()! == 1, () => "no listening connection named node-b-listener");
    }

    [Fact]
    public void A_long_application_name_is_cut_so_the_listener_suffix_survives()
    {
        var name = EventFollower.ListenerName(new string('n', 70));

        Assert.Equal(63, name.Length);
        Assert.EndsWith(EventFollower.ApplicationNameSuffix, name, StringComparison.Ordinal);
        Assert.Equal("quell-listener", EventFollower.ListenerName(null));
    }

    private async Task<long> TerminateListenersAsync()
    {
        await using var admin = await database.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND application_name = 'quell" + EventFollower.ApplicationNameSuffix + "'", admin);
        return (long)(await kill.ExecuteScalarAsync())!;
    }

    private async Task<long> HeadAsync(string schema)
    {
        await using var connection = await database.OpenAsync(schema);
        await using var head = new NpgsqlCommand("SELECT last_seq FROM event_log_head", connection);
        return (long)(await head.ExecuteScalarAsync())!;
    }

    private static async Task Eventually(Func<bool> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(describe());
            await Task.Delay(20);
        }
    }

    private Task<PostgresJobStore> OpenAsync(string schema, IJobEventBus? bus = null) =>
        PostgresJobStore.OpenAsync(
            new PostgresJobStoreOptions { ConnectionString = database.ConnectionString, Schema = schema },
            bus ?? new InProcessJobEventBus());

    private static NewJob Job(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);
}

using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Postgres.Tests;

/// <summary>The server restarted under two nodes: both reconnect, and nothing a call acknowledged is lost.</summary>
public sealed class PostgresRestartTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task After_a_server_restart_both_nodes_reconnect_and_every_acknowledged_write_is_there()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        var options = new PostgresJobStoreOptions { ConnectionString = cluster.ConnectionString };
        var bus = new InProcessJobEventBus();
        using var all = bus.Subscribe(capacity: 100_000);
        await using var runner = await PostgresJobStore.OpenAsync(options, bus);
        await using var canceller = await PostgresJobStore.OpenAsync(options, new InProcessJobEventBus());
        var relayed = new ConcurrentDictionary<string, CancellationInfo>();
        using var listening = runner.Listen(() => { }, (id, info) => relayed.TryAdd(id, info));
        var acknowledged = new List<string>();

        for (var round = 0; round < 3; round++)
        {
            var ids = Enumerable.Range(0, 10).Select(i => $"r{round}-{i}").ToArray();
            foreach (var id in ids) await Retry(() => runner.CreateAsync(Job(id)).AsTask());
            await Retry(() => runner.ClaimAsync(new JobClaim("runner", ids.Length, ["work"], T0, T0.AddHours(1))).AsTask());
            var listeners = runner.ListenerConnections;

            await cluster.RestartAsync();

            foreach (var id in ids)
            {
                var outcome = await Retry(() => canceller.RequestCancelAsync(
                    id, new CancellationInfo(CancellationReason.UserRequested, "after restart", "bob", T0)).AsTask());
                // A retry after a write whose commit was lost with the connection may find the first one landed.
                Assert.Contains(outcome.Kind, new[] { CancelOutcomeKind.Cancelling, CancelOutcomeKind.AlreadyRequested });
                acknowledged.Add(id);
            }
            await Eventually(() => runner.ListenerConnections > listeners, () => $"round {round}: the listener never reconnected");
            await Eventually(() => acknowledged.All(relayed.ContainsKey),
                () => $"round {round}: {relayed.Count} of {acknowledged.Count} cancels relayed");
        }

        foreach (var id in acknowledged) Assert.Equal(JobStatus.Cancelling, (await Retry(() => runner.GetAsync(id).AsTask()))!.Status);
        // The runner's bus got every committed event once, in order, across three restarts.
        long head;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { SearchPath = "quell", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT last_seq FROM event_log_head", connection);
            head = (long)(await read.ExecuteScalarAsync())!;
        }
        var seen = new List<long>();
        await Eventually(() =>
        {
            while (all.Reader.TryRead(out var e)) seen.Add(e.Seq);
            return seen.Count >= head;
        }, () => $"{seen.Count} of {head} events published");
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), seen);
    }

    // A call that meets a connection the restart cut fails once; the next one runs on a new connection.
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (NpgsqlException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
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

    private static NewJob Job(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);
}

using System.Text.Json;
using Npgsql;
using Quell.Events;

namespace Quell.Storage.Postgres.Tests;

/// <summary>A batch submission is one transaction on PostgreSQL too, whatever the other nodes write meanwhile.</summary>
public sealed class PostgresBatchCreateTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    [PostgresFact]
    public async Task A_thousand_jobs_created_at_once_commit_together_while_another_node_writes()
    {
        const int Jobs = 1_000;
        var schema = database.NextSchema();
        await using var batcher = await OpenAsync(schema);
        await using var other = await OpenAsync(schema);
        using var stop = new CancellationTokenSource();
        // The other node commits one job after another the whole time: any split of the batch lets one in between.
        var interleaving = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested) await other.CreateAsync(Job($"other-{n++}"));
            return n;
        });
        await Task.Delay(100);

        // Through the interface, as the runtime calls it.
        var created = await ((IJobStore)batcher).CreateManyAsync([.. Enumerable.Range(0, Jobs).Select(i => Job($"batch-{i}"))]);
        await stop.CancelAsync();
        var others = await interleaving;

        Assert.All(created, Assert.NotNull);
        Assert.True(others > 0, "the other node wrote nothing meanwhile");
        await using var connection = await database.OpenAsync(schema);
        await using var span = new NpgsqlCommand(
            $"SELECT max(seq) - min(seq) + 1 FROM events WHERE type = '{JobEventTypes.Created}' AND job_id LIKE 'batch-%'", connection);
        Assert.Equal((long)Jobs, (long)(await span.ExecuteScalarAsync())!);
    }

    private Task<PostgresJobStore> OpenAsync(string schema) =>
        PostgresJobStore.OpenAsync(
            new PostgresJobStoreOptions { ConnectionString = database.ConnectionString, Schema = schema }, new InProcessJobEventBus());

    private static NewJob Job(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);
}

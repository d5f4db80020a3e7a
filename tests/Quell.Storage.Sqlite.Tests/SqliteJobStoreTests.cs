using System.Text.Json;
using Microsoft.Data.Sqlite;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Storage.Sqlite.Schema;

namespace Quell.Storage.Sqlite.Tests;

/// <summary>What only a file-backed, single-process store has to prove.</summary>
public sealed class SqliteJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task Store_file_is_created_in_wal_mode()
    {
        await using var store = await OpenAsync();

        Assert.True(File.Exists(Path.Combine(_directory.Path, "quell.db")));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Migrations_run_once_and_set_the_user_version()
    {
        await (await OpenAsync()).DisposeAsync();
        await using var reopened = await OpenAsync(); // would fail if CREATE TABLE ran again

        Assert.Equal((long)SqliteMigrations.Steps.Count, Scalar("PRAGMA user_version"));
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        string[] steps = ["CREATE TABLE a (x INTEGER)", "CREATE TABLE b (y INTEGER)"];
        Assert.Equal(0, SchemaMigrator.Migrate(connection, steps));
        Assert.Equal(2, SchemaMigrator.Migrate(connection, steps));
        Assert.Equal(2, SchemaMigrator.Migrate(connection, [.. steps, "CREATE TABLE c (z INTEGER)"]));
        Assert.Equal(3, SchemaMigrator.ReadVersion(connection));
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused()
    {
        await (await OpenAsync()).DisposeAsync();
        Scalar("PRAGMA user_version = 999");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync());

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
        await using var afterFailure = await OpenAsync(_ => { }, ignoreVersion: true); // the lock was released
    }

    [Fact]
    public async Task Reopen_keeps_jobs_events_and_partial_results()
    {
        var partial = new PartialResults
        {
            Status = PartialResultStatus.Partial,
            CompletedItems = 2,
            Results = [JsonSerializer.SerializeToElement(new { row = 1 }), JsonSerializer.SerializeToElement(new { row = 2 })],
        };
        JobRecord before;
        IReadOnlyList<JobEvent> eventsBefore;
        await using (var store = await OpenAsync())
        {
            await store.CreateAsync(NewJob("a"));
            await store.ClaimAsync(new JobClaim("n1", 1, ["work"], T0, T0.AddSeconds(30)));
            await store.SavePartialResultsAsync("a", partial, T0.AddSeconds(1));
            await store.FinishAsync(new JobFinish("a", JobStatus.Completed, T0.AddSeconds(2), JsonSerializer.SerializeToElement(42)));
            before = (await store.GetAsync("a"))!;
            eventsBefore = await store.ReadEventsAsync("a", 0);
        }

        await using var reopened = await OpenAsync();
        await reopened.CreateAsync(NewJob("b"));

        Assert.Equal(ToJson(before), ToJson(await reopened.GetAsync("a")));
        Assert.Equal(
            eventsBefore.Select(e => (e.Seq, e.Type, e.Time, e.Data.GetRawText())),
            (await reopened.ReadEventsAsync("a", 0)).Select(e => (e.Seq, e.Type, e.Time, e.Data.GetRawText())));
        Assert.Equal(2, (await reopened.GetPartialResultsAsync("a"))!.Results.Count);
        Assert.True(Assert.Single(await reopened.ReadEventsAsync("b", 0)).Seq > eventsBefore[^1].Seq);
    }

    [Fact]
    public async Task Sequence_numbers_are_not_reused_after_the_newest_events_are_purged()
    {
        long lastSeq;
        await using (var store = await OpenAsync())
        {
            await store.CreateAsync(NewJob("a"));
            await store.RequestCancelAsync("a", new Cancellation.CancellationInfo(Cancellation.CancellationReason.UserRequested, null, null, T0));
            lastSeq = (await store.ReadEventsAsync("a", 0))[^1].Seq;
            Assert.Equal(1, await store.PurgeFinishedAsync(T0.AddDays(1)));
        }

        await using var reopened = await OpenAsync();
        await reopened.CreateAsync(NewJob("b"));

        Assert.Equal(lastSeq + 1, Assert.Single(await reopened.ReadEventsAsync("b", 0)).Seq);
    }

    [Fact]
    public async Task A_version_2_file_keeps_its_events_and_its_purged_high_water_after_migration()
    {
        // A file as version 2 left it: events under AUTOINCREMENT, whose newest (seq 7) was purged since.
        Directory.CreateDirectory(_directory.Path);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "quell.db")};Pooling=False"))
        {
            connection.Open();
            SchemaMigrator.Migrate(connection, [.. SqliteMigrations.Steps.Take(2)]);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO jobs (id, type, owner, status, created_at) VALUES ('old', 'work', 'alice', 'pending', 1);
                INSERT INTO events (seq, job_id, type, time, data) VALUES (5, 'old', 'job.created', 1, '{}'), (7, 'gone', 'job.created', 1, '{}');
                DELETE FROM events WHERE seq = 7;
                """;
            command.ExecuteNonQuery();
        }

        await using var store = await OpenAsync();
        await store.CreateAsync(NewJob("new"));

        Assert.Equal((long)SqliteMigrations.Steps.Count, Scalar("PRAGMA user_version"));
        Assert.Equal([5L], (await store.ReadEventsAsync("old", 0)).Select(e => e.Seq));
        Assert.Equal(8, Assert.Single(await store.ReadEventsAsync("new", 0)).Seq);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'"));
    }

    [Fact]
    public async Task A_job_that_completed_without_items_stores_no_partial_results_yet_reads_complete_and_empty()
    {
        await using var store = await OpenAsync();
        await store.CreateAsync(NewJob("a"));
        await store.CreateAsync(NewJob("b"));
        await store.ClaimAsync(new JobClaim("node", 2, ["work"], T0, T0.AddMinutes(1)));
        var one = JsonSerializer.SerializeToElement(1);

        Assert.True(await store.FinishAsync(new JobFinish("a", JobStatus.Completed, T0, Partial: PartialResults.CompleteEmpty with { })));
        Assert.True(await store.FinishAsync(new JobFinish("b", JobStatus.Completed, T0,
            Partial: new PartialResults { Status = PartialResultStatus.Complete, CompletedItems = 1, Results = [one] })));

        Assert.Equal(DBNull.Value, Scalar("SELECT partial_results FROM jobs WHERE id = 'a'"));
        var empty = (await store.GetPartialResultsAsync("a"))!;
        Assert.Equal((PartialResultStatus.Complete, 0L, 0, 0), (empty.Status, empty.CompletedItems, empty.Results.Count, empty.FailedItems.Count));
        Assert.Equal(0, (await store.ReadEventsAsync("a", 0))[^1].Data.GetProperty("partial").GetProperty("completedItems").GetInt32());
        Assert.Equal(1, (await store.GetPartialResultsAsync("b"))!.Results[0].GetInt32());
        Assert.Null(await store.GetPartialResultsAsync("unknown"));
    }

    [Fact]
    public async Task Second_open_of_the_same_directory_fails_while_the_first_is_open()
    {
        var first = await OpenAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync());
        Assert.Contains("is in use by another Quell process", error.Message, StringComparison.Ordinal);

        await first.DisposeAsync();
        await using var second = await OpenAsync();
    }

    [Fact]
    public async Task A_job_left_running_is_reported_as_expired_at_reopen()
    {
        await using (var store = await OpenAsync())
        {
            await store.CreateAsync(NewJob("a"));
            await store.CreateAsync(NewJob("b"));
            await store.ClaimAsync(new JobClaim("dead-node", 2, ["work"], T0, T0.AddHours(1)));
            await store.RequestCancelAsync("b", new Cancellation.CancellationInfo(Cancellation.CancellationReason.UserRequested, null, null, T0));
        }

        await using var reopened = await OpenAsync();

        var expired = await reopened.GetExpiredLeasesAsync(T0);
        Assert.Equal(["a", "b"], expired.Select(j => j.Id).Order());
        Assert.True(await reopened.RequeueAsync("a", "interrupted", T0));
    }

    private async Task<SqliteJobStore> OpenAsync(Action<SqliteJobStoreOptions>? configure = null, bool ignoreVersion = false)
    {
        if (ignoreVersion) Scalar($"PRAGMA user_version = {SqliteMigrations.Steps.Count}");
        var options = _directory.Options();
        configure?.Invoke(options);
        return await SqliteJobStore.OpenAsync(options, new InProcessJobEventBus());
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "quell.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static NewJob NewJob(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);

    private static string ToJson(JobRecord? job) => JsonSerializer.Serialize(job!, Serialization.QuellJson.Job);

    public void Dispose() => _directory.Dispose();
}

using System.Text.Json;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Storage.Sqlite.Tests;

/// <summary>
/// The writer's hot statements bind by index through SQLitePCLRaw (RawStatement): text of any size and script comes
/// back exactly, and a claim that skips rows updates exactly the rows it returned.
/// </summary>
public sealed class HotPathStatementTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private readonly TempDataDirectory _directory = new();

    [Theory]
    [InlineData(3)]      // on the stack
    [InlineData(200)]    // just past the stack buffer once encoded (4 bytes per emoji)
    [InlineData(20_000)] // pooled
    public async Task Text_of_any_length_and_script_round_trips_through_insert_finish_and_events(int repeats)
    {
        var text = string.Concat(Enumerable.Repeat("naïve 日本語 🚀 \"quoted\" \\ ", repeats));
        await using var store = await SqliteJobStore.OpenAsync(_directory.Options(), new InProcessJobEventBus());
        var input = JsonSerializer.SerializeToElement(new { text });
        await store.CreateAsync(new NewJob("j-1", "work", "ålice", input, null, [], T0));
        Assert.Single(await store.ClaimAsync(new JobClaim("node-ü", 1, ["work"], T0, T0.AddMinutes(1))));
        var result = JsonSerializer.SerializeToElement(new { echo = text });
        Assert.True(await store.FinishAsync(new JobFinish("j-1", JobStatus.Completed, T0.AddSeconds(1), result)));

        var job = await store.GetAsync("j-1");
        Assert.NotNull(job);
        Assert.Equal("ålice", job.Owner);
        Assert.Equal(text, job.Input.GetProperty("text").GetString());
        Assert.Equal(text, job.Result!.Value.GetProperty("echo").GetString());
        var events = await store.ReadEventsAsync("j-1", 0);
        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.Completed], events.Select(e => e.Type));
        Assert.Equal("node-ü", events[1].Data.GetProperty("nodeId").GetString());
        Assert.Equal(text, events[2].Data.GetProperty("result").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task A_claim_that_skips_rows_of_other_types_claims_exactly_the_rows_it_returns()
    {
        await using var store = await SqliteJobStore.OpenAsync(_directory.Options(), new InProcessJobEventBus());
        for (var i = 0; i < 10; i++)
        {
            await store.CreateAsync(new NewJob($"j-{i}", i % 2 == 0 ? "even" : "odd", "alice", JsonSerializer.SerializeToElement(i), null, [], T0.AddMilliseconds(i)));
        }

        var claimed = await store.ClaimAsync(new JobClaim("node", 3, ["even"], T0, T0.AddMinutes(1)));

        Assert.Equal(["j-0", "j-2", "j-4"], claimed.Select(j => j.Id));
        Assert.All(claimed, j => Assert.Equal((JobStatus.Running, 1), (j.Status, j.Attempt)));
        var all = (await store.ListAsync(new JobQuery(Limit: 100))).Items.ToDictionary(j => j.Id);
        var running = all.Values.Where(j => j.Status == JobStatus.Running).Select(j => j.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["j-0", "j-2", "j-4"], running);
        Assert.Equal(claimed.Select(j => j.StartedAt), claimed.Select(j => all[j.Id].StartedAt));

        // The rest, contiguous or not, in submission order.
        var rest = await store.ClaimAsync(new JobClaim("node", 100, ["even", "odd"], T0, T0.AddMinutes(1)));
        Assert.Equal(["j-1", "j-3", "j-5", "j-6", "j-7", "j-8", "j-9"], rest.Select(j => j.Id));
        Assert.Empty(await store.ClaimAsync(new JobClaim("node", 100, ["even", "odd"], T0, T0.AddMinutes(1))));
    }

    public void Dispose() => _directory.Dispose();
}

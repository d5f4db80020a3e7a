using System.Text.Json;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Events_are_published_after_commit_in_sequence_order()
    {
        var bus = new CommitCheckingBus();
        await using var store = await CreateStoreAsync(bus);
        bus.Store = store;
        using var all = bus.Subscribe(capacity: 100_000);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => store.CreateAsync(Job($"j{i}")).AsTask()));
        var claimed = await store.ClaimAsync(Claim(max: 100));
        await Task.WhenAll(claimed.Select<JobRecord, Task>((j, i) => i % 2 == 0
            ? store.FinishAsync(Complete(j.Id)).AsTask()
            : store.RequestCancelAsync(j.Id, Cancel()).AsTask()));

        var published = bus.Published;
        Assert.Equal(200 + 100 + 50 + 100, published.Count);
        Assert.All(published, p => Assert.True(p.Committed, $"event {p.Event.Seq} was published before it was readable"));
        Assert.Equal(published.Select(p => p.Event.Seq).Order(), published.Select(p => p.Event.Seq));
        Assert.Equal(published.Count, published.Select(p => p.Event.Seq).Distinct().Count());
        var received = new List<JobEvent>();
        while (all.Reader.TryRead(out var e)) received.Add(e);
        Assert.Equal(published.Select(p => p.Event.Seq), received.Select(e => e.Seq));
        var stored = await store.ReadEventsAsync("j7", 0);
        Assert.Equal(
            stored.Select(e => (e.Seq, e.Type, e.Time, e.Data.GetRawText())),
            received.Where(e => e.JobId == "j7").Select(e => (e.Seq, e.Type, e.Time, e.Data.GetRawText())));
    }

    [ContractFact]
    public async Task Read_events_after_a_sequence_number()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("a"));
        await store.CreateAsync(Job("b"));
        for (var i = 1; i <= 3; i++)
        {
            await store.SaveProgressAsync("a", new JobProgress(i, 3, $"step {i}"), T0.AddSeconds(i));
            await store.SaveProgressAsync("b", new JobProgress(i, 3, null), T0.AddSeconds(i));
        }

        var all = await store.ReadEventsAsync("a", 0);
        var afterSecond = await store.ReadEventsAsync("a", all[1].Seq);
        var limited = await store.ReadEventsAsync("a", all[1].Seq, limit: 1);

        Assert.Equal([JobEventTypes.Created, JobEventTypes.Progress, JobEventTypes.Progress, JobEventTypes.Progress], all.Select(e => e.Type));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq));
        Assert.All(all, e => Assert.Equal("a", e.JobId));
        Assert.Equal(all.Skip(2).Select(e => e.Seq), afterSecond.Select(e => e.Seq));
        Assert.Equal(all[2].Seq, Assert.Single(limited).Seq);
        Assert.Empty(await store.ReadEventsAsync("a", all[^1].Seq));
        Assert.Empty(await store.ReadEventsAsync("unknown", 0));
    }

    [ContractFact]
    public async Task Progress_is_saved_with_its_event()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        await store.SaveProgressAsync("a", new JobProgress(25, 100, "reading"), T0.AddSeconds(2));

        Assert.Equal(new JobProgress(25, 100, "reading"), (await store.GetAsync("a"))!.Progress);
        var progress = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal((JobEventTypes.Progress, T0.AddSeconds(2)), (progress.Type, progress.Time));
        Assert.Equal(25.0, progress.Data.GetProperty("percent").GetDouble());
    }

    [ContractFact]
    public async Task Appended_events_keep_their_order_and_data()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        await store.AppendAsync(
        [
            new NewJobEvent("a", JobEventTypes.Checkpoint, T0.AddSeconds(3), JobEventData.Checkpoint("row-1")),
            new NewJobEvent("a", JobEventTypes.Log, T0.AddSeconds(4), JobEventData.Log("info", "hello")),
        ]);

        var events = await store.ReadEventsAsync("a", 0);
        Assert.Equal([JobEventTypes.Checkpoint, JobEventTypes.Log], events.Skip(2).Select(e => e.Type));
        Assert.Equal("row-1", events[2].Data.GetProperty("name").GetString());
        Assert.Equal(T0.AddSeconds(4), events[3].Time);
    }

    [ContractFact]
    public async Task Writes_for_unknown_jobs_are_ignored()
    {
        var bus = new InProcessJobEventBus();
        await using var store = await CreateStoreAsync(bus);
        using var all = bus.Subscribe();

        await store.AppendAsync([new NewJobEvent("gone", JobEventTypes.Log, T0, JobEventData.Log("info", "x"))]);
        await store.SaveProgressAsync("gone", new JobProgress(1, null, null), T0);
        await store.SavePartialResultsAsync("gone", Partial(1), T0);

        Assert.Empty(await store.ReadEventsAsync("gone", 0));
        Assert.Null(await store.GetPartialResultsAsync("gone"));
        Assert.False(all.Reader.TryRead(out _));
    }

    [ContractFact]
    public async Task Times_round_trip_as_utc_milliseconds()
    {
        await using var store = await CreateStoreAsync();
        var local = new DateTimeOffset(2025, 6, 1, 12, 30, 15, 123, TimeSpan.FromHours(2));
        await store.CreateAsync(Job("a") with { CreatedAt = local });

        var job = (await store.GetAsync("a"))!;
        var created = Assert.Single(await store.ReadEventsAsync("a", 0));

        Assert.Equal(local, job.CreatedAt);
        Assert.Equal(TimeSpan.Zero, job.CreatedAt.Offset);
        Assert.Equal(local, created.Time);
        Assert.Equal(JsonValueKind.Object, job.Input.ValueKind);
    }
}

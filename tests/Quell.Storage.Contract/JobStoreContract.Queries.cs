using Quell.Events;
using Quell.Progress;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task List_filters_by_owner_status_and_type_with_paging()
    {
        await using var store = await CreateStoreAsync();
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(Job($"j{i}", type: i % 3 == 0 ? "pdf" : "csv", owner: i < 4 ? "alice" : "bob", seconds: i));
        }
        await store.ClaimAsync(new JobClaim(Node, 2, ["csv"], T0, T0.AddSeconds(30))); // j1, j2 run

        var everything = await store.ListAsync(new JobQuery());
        var alice = await store.ListAsync(new JobQuery(Owner: "alice"));
        var running = await store.ListAsync(new JobQuery(Status: JobStatus.Running));
        var pendingCsvOfBob = await store.ListAsync(new JobQuery(Owner: "bob", Status: JobStatus.Pending, Type: "csv"));
        var page = await store.ListAsync(new JobQuery(Owner: "alice", Limit: 2, Offset: 1));

        Assert.Equal(["j5", "j4", "j3", "j2", "j1", "j0"], everything.Items.Select(j => j.Id));
        Assert.Equal(6, everything.Total);
        Assert.Equal(["j3", "j2", "j1", "j0"], alice.Items.Select(j => j.Id));
        Assert.Equal(["j2", "j1"], running.Items.Select(j => j.Id));
        Assert.Equal(["j5", "j4"], pendingCsvOfBob.Items.Select(j => j.Id));
        Assert.Equal(["j2", "j1"], page.Items.Select(j => j.Id));
        Assert.Equal((4, 2, 1), (page.Total, page.Limit, page.Offset));
        Assert.Empty((await store.ListAsync(new JobQuery(Owner: "carol"))).Items);
    }

    [ContractFact]
    public async Task Get_of_an_unknown_job_is_null()
    {
        await using var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync("nope"));
        Assert.Null(await store.GetPartialResultsAsync("nope"));
    }

    [ContractFact]
    public async Task Partial_results_round_trip()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        Assert.Null(await store.GetPartialResultsAsync("a"));

        await store.SavePartialResultsAsync("a", Partial(2), T0.AddSeconds(2));
        Assert.Equal(ToJson(Partial(2)), ToJson(await store.GetPartialResultsAsync("a")));
        var partialEvent = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal(Events.JobEventTypes.Partial, partialEvent.Type);
        Assert.Equal(2, partialEvent.Data.GetProperty("results").GetInt32());

        await store.SavePartialResultsAsync("a", Partial(3), T0.AddSeconds(3));
        Assert.Equal(ToJson(Partial(3)), ToJson(await store.GetPartialResultsAsync("a")));

        await store.FinishAsync(Fail("a")); // no partial given: the saved ones stay
        Assert.Equal(ToJson(Partial(3)), ToJson(await store.GetPartialResultsAsync("a")));
    }

    [ContractFact]
    public async Task Finishing_with_partial_results_replaces_the_saved_ones()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await store.SavePartialResultsAsync("a", Partial(2), T0.AddSeconds(2));

        await store.FinishAsync(Complete("a", partial: Partial(5)));

        Assert.Equal(ToJson(Partial(5)), ToJson(await store.GetPartialResultsAsync("a")));
        var completed = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal(5, completed.Data.GetProperty("partial").GetProperty("completedItems").GetInt64());
    }

    [ContractFact]
    public async Task Finishing_with_progress_saves_it_and_records_it_just_before_the_terminal_event()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await store.SaveProgressAsync("a", new JobProgress(2, 10, "two"), T0.AddSeconds(2));

        await store.FinishAsync(Complete("a") with { Progress = new JobProgress(7, 10, "seven") });

        Assert.Equal(7, (await store.GetAsync("a"))!.Progress!.Current);
        var events = await store.ReadEventsAsync("a", 0);
        Assert.Equal(JobEventTypes.Completed, events[^1].Type);
        Assert.Equal(JobEventTypes.Progress, events[^2].Type);
        Assert.Equal(7, events[^2].Data.GetProperty("current").GetInt64());

        // A finisher that lost the race saves no progress.
        await store.FinishAsync(Fail("a") with { Progress = new JobProgress(9, 10, "nine") });
        Assert.Equal(7, (await store.GetAsync("a"))!.Progress!.Current);
        Assert.Equal(events.Count, (await store.ReadEventsAsync("a", 0)).Count);
    }

    [ContractFact]
    public async Task Purge_removes_finished_jobs_and_their_events()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("old-cancelled"));
        await store.RequestCancelAsync("old-cancelled", Cancel(seconds: 5));
        await CreateRunningAsync(store, "old-completed");
        await store.FinishAsync(Complete("old-completed", seconds: 10));
        await CreateRunningAsync(store, "recent");
        await store.FinishAsync(Complete("recent", seconds: 100));
        await CreateRunningAsync(store, "running");
        await store.CreateAsync(Job("pending", dependsOn: ["old-completed"]));

        var purged = await store.PurgeFinishedAsync(T0.AddSeconds(50));

        Assert.Equal(2, purged);
        Assert.Null(await store.GetAsync("old-cancelled"));
        Assert.Null(await store.GetAsync("old-completed"));
        Assert.Empty(await store.ReadEventsAsync("old-completed", 0));
        Assert.Empty(await store.ReadEventsAsync("old-cancelled", 0));
        Assert.NotNull(await store.GetAsync("recent"));
        Assert.Equal(3, (await store.ReadEventsAsync("recent", 0)).Count);
        Assert.Equal(JobStatus.Running, (await store.GetAsync("running"))!.Status);
        Assert.Equal(JobStatus.Pending, (await store.GetAsync("pending"))!.Status);
        Assert.Equal(3, (await store.ListAsync(new JobQuery())).Total);
        Assert.Equal(0, await store.PurgeFinishedAsync(T0.AddSeconds(50)));
    }

    [ContractFact]
    public async Task Disposed_store_refuses_calls()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(Job("a"));
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("a"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CreateAsync(Job("b")));
        await store.DisposeAsync(); // idempotent
    }
}

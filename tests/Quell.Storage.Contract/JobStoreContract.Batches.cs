using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Create_many_inserts_each_job_in_order_with_its_created_event()
    {
        var bus = new CommitCheckingBus();
        await using var store = await CreateStoreAsync(bus);
        bus.Store = store;

        var created = await store.CreateManyAsync([Job("b1"), Job("b2", seconds: 1), Job("b3", seconds: 2, dependsOn: ["b1"])]);

        Assert.Equal(["b1", "b2", "b3"], created.Select(j => j!.Id));
        Assert.All(created, j => Assert.Equal(JobStatus.Pending, j!.Status));
        foreach (var job in created) AssertSameJob(job, await store.GetAsync(job!.Id));
        Assert.Equal(["b1"], created[2]!.DependsOn);
        Assert.Equal([JobEventTypes.Created], await EventTypesAsync(store, "b2"));
        Assert.Equal(3, bus.Published.Count);
        Assert.All(bus.Published, p => Assert.True(p.Committed, $"event {p.Event.Seq} was published before it was readable"));
        Assert.Equal(["b1", "b2"], (await store.ClaimAsync(Claim(max: 10))).Select(j => j.Id)); // b3 waits for b1
    }

    [ContractFact]
    public async Task Create_many_refuses_only_the_jobs_whose_id_is_taken()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("taken"));

        var created = await store.CreateManyAsync(
            [Job("new1"), Job("taken", owner: "bob"), Job("new2"), Job("new1", owner: "bob")]);

        Assert.Equal(["new1", null, "new2", null], created.Select(j => j?.Id));
        Assert.Equal("alice", (await store.GetAsync("taken"))!.Owner);
        Assert.Equal("alice", (await store.GetAsync("new1"))!.Owner);
        Assert.Single(await store.ReadEventsAsync("taken", 0));
        Assert.Single(await store.ReadEventsAsync("new1", 0));
        Assert.Equal(3, (await store.ListAsync(new JobQuery(Limit: 10))).Items.Count);
    }

    [ContractFact]
    public async Task Create_many_of_nothing_is_nothing()
    {
        await using var store = await CreateStoreAsync();

        Assert.Empty(await store.CreateManyAsync([]));
        Assert.Empty((await store.ListAsync(new JobQuery(Limit: 10))).Items);
    }
}

using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Create_inserts_a_pending_job_with_its_created_event()
    {
        await using var store = await CreateStoreAsync();

        var created = await store.CreateAsync(Job("a", dependsOn: ["x", "y"]));

        Assert.Equal(JobStatus.Pending, created.Status);
        Assert.Equal(["x", "y"], created.DependsOn);
        AssertSameJob(created, await store.GetAsync("a"));
        var createdEvent = Assert.Single(await store.ReadEventsAsync("a", 0));
        Assert.Equal(JobEventTypes.Created, createdEvent.Type);
        Assert.Equal(T0, createdEvent.Time);
        Assert.Equal("work", createdEvent.Data.GetProperty("type").GetString());
        Assert.Equal("a.csv", createdEvent.Data.GetProperty("input").GetProperty("file").GetString());
    }

    [ContractFact]
    public async Task Creating_a_job_with_an_existing_id_fails()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("a"));

        await Assert.ThrowsAsync<DuplicateJobIdException>(async () => await store.CreateAsync(Job("a", owner: "bob")));

        Assert.Equal("alice", (await store.GetAsync("a"))!.Owner);
        Assert.Single(await store.ReadEventsAsync("a", 0));
    }

    [ContractFact]
    public async Task Claim_takes_oldest_first_and_never_twice()
    {
        await using var store = await CreateStoreAsync();
        foreach (var id in new[] { "j1", "j2", "j3", "j4", "j5" }) await store.CreateAsync(Job(id));

        var first = await store.ClaimAsync(Claim(max: 2, seconds: 1));
        var rest = await store.ClaimAsync(Claim(max: 10, node: "node-2", seconds: 2));
        var none = await store.ClaimAsync(Claim(max: 10, seconds: 3));

        Assert.Equal(["j1", "j2"], first.Select(j => j.Id));
        Assert.Equal(["j3", "j4", "j5"], rest.Select(j => j.Id));
        Assert.Empty(none);
        Assert.All(first, j => Assert.Equal((JobStatus.Running, 1, T0.AddSeconds(1)), (j.Status, j.Attempt, j.StartedAt)));
        AssertSameJob(first[0], await store.GetAsync("j1"));
        var started = (await store.ReadEventsAsync("j3", 0))[^1];
        Assert.Equal(JobEventTypes.Started, started.Type);
        Assert.Equal(1, started.Data.GetProperty("attempt").GetInt32());
        Assert.Equal("node-2", started.Data.GetProperty("nodeId").GetString());
    }

    [ContractFact]
    public async Task Claim_takes_what_its_capacity_says_when_it_runs()
    {
        await using var store = await CreateStoreAsync();
        foreach (var id in new[] { "j1", "j2", "j3", "j4", "j5" }) await store.CreateAsync(Job(id));
        var capacity = 3; // grew after the worker asked for one: slots freed while the claim waited

        var grown = await store.ClaimAsync(Claim(max: 1) with { Capacity = () => capacity });
        capacity = 0;
        var full = await store.ClaimAsync(Claim(max: 1) with { Capacity = () => capacity });

        Assert.Equal(["j1", "j2", "j3"], grown.Select(j => j.Id));
        Assert.Empty(full);
        Assert.Equal(JobStatus.Pending, (await store.GetAsync("j4"))!.Status);
    }

    [ContractFact]
    public async Task Claim_takes_only_the_requested_types()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("a", type: "csv"));
        await store.CreateAsync(Job("b", type: "pdf"));
        await store.CreateAsync(Job("c", type: "zip"));

        var claimed = await store.ClaimAsync(new JobClaim(Node, 10, ["zip", "csv"], T0, T0.AddSeconds(30)));

        Assert.Equal(["a", "c"], claimed.Select(j => j.Id));
    }

    [ContractFact]
    public async Task Claim_respects_dependencies()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("parent"));
        await store.CreateAsync(Job("other"));
        await store.CreateAsync(Job("child", dependsOn: ["parent", "other"]));

        Assert.Equal(["parent", "other"], (await store.ClaimAsync(Claim())).Select(j => j.Id));
        await store.FinishAsync(Complete("parent"));
        Assert.Empty(await store.ClaimAsync(Claim()));
        await store.FinishAsync(Complete("other"));
        Assert.Equal(["child"], (await store.ClaimAsync(Claim())).Select(j => j.Id));
    }

    [ContractFact]
    public async Task A_completed_dependency_purged_by_retention_no_longer_blocks_its_dependent()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("parent"));
        await store.CreateAsync(Job("child", dependsOn: ["parent"]));
        await store.ClaimAsync(Claim(max: 1));
        await store.FinishAsync(Complete("parent"));

        await store.PurgeFinishedAsync(DateTimeOffset.MaxValue);

        Assert.Equal(["child"], (await store.ClaimAsync(Claim())).Select(j => j.Id));
    }

    [ContractFact]
    public async Task A_failed_dependency_blocks_its_dependents_and_lists_them()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("parent"));
        await store.CreateAsync(Job("child-1", dependsOn: ["parent"]));
        await store.CreateAsync(Job("child-2", dependsOn: ["parent"]));
        await store.CreateAsync(Job("unrelated"));
        await store.ClaimAsync(Claim(max: 1));

        await store.FinishAsync(Fail("parent"));

        Assert.Equal(["unrelated"], (await store.ClaimAsync(Claim())).Select(j => j.Id));
        Assert.Equal(["child-1", "child-2"], await store.GetPendingDependentsAsync("parent"));
        await store.RequestCancelAsync("child-1", Cancel());
        Assert.Equal(["child-2"], await store.GetPendingDependentsAsync("parent"));
    }
}

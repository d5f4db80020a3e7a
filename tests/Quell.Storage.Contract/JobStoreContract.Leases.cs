using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Lease_renewal_reports_durable_cancel_requests()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await CreateRunningAsync(store, "b");
        var request = Cancel();
        await store.RequestCancelAsync("b", request);

        var renewal = await store.RenewLeasesAsync(Node, ["a", "b"], T0.AddMinutes(5));

        Assert.Empty(renewal.Lost);
        var (id, info) = Assert.Single(renewal.CancelRequested);
        Assert.Equal(("b", request), (id, info));
        // Reported again on the next renewal: a lost signal only delays the cancel.
        Assert.Equal(["b"], (await store.RenewLeasesAsync(Node, ["a", "b"], T0.AddMinutes(6))).CancelRequested.Keys);
        Assert.Empty(await store.GetExpiredLeasesAsync(T0.AddMinutes(5)));
    }

    [ContractFact]
    public async Task Lease_renewal_reports_jobs_this_node_no_longer_holds()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await CreateRunningAsync(store, "b");
        await store.FinishAsync(Complete("a"));

        var mine = await store.RenewLeasesAsync(Node, ["a", "b", "unknown"], T0.AddMinutes(5));
        var theirs = await store.RenewLeasesAsync("node-2", ["b"], T0.AddMinutes(5));

        Assert.Equal(["a", "unknown"], mine.Lost);
        Assert.Equal(["b"], theirs.Lost);
        Assert.Empty(mine.CancelRequested);
    }

    [ContractFact]
    public async Task Expired_leases_are_reported_and_requeue_puts_job_back()
    {
        await using var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, "a"); // lease until T0 + 31 s
        Assert.Empty(await store.GetExpiredLeasesAsync(T0.AddSeconds(20)));
        Assert.False(await store.RequeueAsync("a", "too early", T0.AddSeconds(20)));

        var expired = Assert.Single(await store.GetExpiredLeasesAsync(T0.AddSeconds(40)));
        Assert.Equal("a", expired.Id);
        Assert.True(await store.RequeueAsync("a", "node died", T0.AddSeconds(40)));

        var requeued = (await store.GetAsync("a"))!;
        Assert.Equal((JobStatus.Pending, 1), (requeued.Status, requeued.Attempt));
        Assert.Empty(await store.GetExpiredLeasesAsync(T0.AddHours(1)));
        var requeuedEvent = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal(JobEventTypes.Requeued, requeuedEvent.Type);
        Assert.Equal("node died", requeuedEvent.Data.GetProperty("reason").GetString());
        Assert.Equal(1, requeuedEvent.Data.GetProperty("attempt").GetInt32());

        var again = Assert.Single(await store.ClaimAsync(Claim(type: "solo-a", node: "node-2", seconds: 50)));
        Assert.Equal(2, again.Attempt);
        Assert.Equal(running.StartedAt, again.StartedAt);
    }

    [ContractFact]
    public async Task Requeue_refuses_jobs_with_a_cancel_request_or_no_longer_running()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "cancelling");
        await store.RequestCancelAsync("cancelling", Cancel());
        await CreateRunningAsync(store, "done");
        await store.FinishAsync(Complete("done"));
        await store.CreateAsync(Job("pending"));

        var later = T0.AddHours(1);
        Assert.Equal(["cancelling"], (await store.GetExpiredLeasesAsync(later)).Select(j => j.Id));
        Assert.False(await store.RequeueAsync("cancelling", "crash", later));
        Assert.False(await store.RequeueAsync("done", "crash", later));
        Assert.False(await store.RequeueAsync("pending", "crash", later));
        Assert.False(await store.RequeueAsync("unknown", "crash", later));
    }
}

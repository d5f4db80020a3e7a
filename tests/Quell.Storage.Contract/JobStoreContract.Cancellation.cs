using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Cancel_of_a_pending_job_is_immediate()
    {
        await using var store = await CreateStoreAsync();
        await store.CreateAsync(Job("a"));
        var request = Cancel();

        var outcome = await store.RequestCancelAsync("a", request);

        Assert.Equal(CancelOutcomeKind.CancelledWhilePending, outcome.Kind);
        Assert.Equal(JobStatus.Cancelled, outcome.Job!.Status);
        Assert.Equal(request, outcome.Job.Cancellation);
        Assert.Equal(request.RequestedAt, outcome.Job.FinishedAt);
        AssertSameJob(outcome.Job, await store.GetAsync("a"));
        Assert.Equal(
            [JobEventTypes.Created, JobEventTypes.CancelRequested, JobEventTypes.Cancelled],
            await EventTypesAsync(store, "a"));
    }

    [ContractFact]
    public async Task Cancel_of_a_running_job_makes_it_cancelling()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        var outcome = await store.RequestCancelAsync("a", Cancel());

        Assert.Equal(CancelOutcomeKind.Cancelling, outcome.Kind);
        Assert.Equal(JobStatus.Cancelling, outcome.Job!.Status);
        Assert.Null(outcome.Job.FinishedAt);
        AssertSameJob(outcome.Job, await store.GetAsync("a"));
        Assert.Equal(
            [JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.CancelRequested, JobEventTypes.Cancelling],
            await EventTypesAsync(store, "a"));
        var requested = (await store.ReadEventsAsync("a", 0))[2];
        Assert.Equal("user_requested", requested.Data.GetProperty("reason").GetString());
        Assert.Equal("stop alice", requested.Data.GetProperty("message").GetString());
    }

    [ContractFact]
    public async Task Second_cancel_reports_the_first_request()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        var first = Cancel("alice", seconds: 5);
        await store.RequestCancelAsync("a", first);

        var second = await store.RequestCancelAsync("a", Cancel("bob", seconds: 6, Cancellation.CancellationReason.Timeout));

        Assert.Equal(CancelOutcomeKind.AlreadyRequested, second.Kind);
        Assert.Equal(first, second.Job!.Cancellation);
        Assert.Equal(first, (await store.GetAsync("a"))!.Cancellation);
        Assert.Equal(4, (await store.ReadEventsAsync("a", 0)).Count);
    }

    [ContractFact]
    public async Task Cancel_of_a_finished_job_changes_nothing()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await store.FinishAsync(Complete("a"));
        var before = await store.GetAsync("a");

        var outcome = await store.RequestCancelAsync("a", Cancel(seconds: 20));

        Assert.Equal(CancelOutcomeKind.AlreadyFinished, outcome.Kind);
        Assert.Equal(JobStatus.Completed, outcome.Job!.Status);
        AssertSameJob(before, await store.GetAsync("a"));
        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.Completed], await EventTypesAsync(store, "a"));
    }

    [ContractFact]
    public async Task Cancel_of_an_unknown_job_is_not_found()
    {
        await using var store = await CreateStoreAsync();

        var outcome = await store.RequestCancelAsync("nope", Cancel());

        Assert.Equal(CancelOutcomeKind.NotFound, outcome.Kind);
        Assert.Null(outcome.Job);
    }
}

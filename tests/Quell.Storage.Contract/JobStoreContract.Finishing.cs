using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Finish_succeeds_once()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        Assert.True(await store.FinishAsync(Complete("a", seconds: 10)));
        Assert.False(await store.FinishAsync(Fail("a", seconds: 11)));

        var job = (await store.GetAsync("a"))!;
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(T0.AddSeconds(10), job.FinishedAt);
        Assert.Equal(3, job.Result!.Value.GetProperty("rows").GetInt32());
        Assert.Null(job.Error);
        Assert.Empty(await store.GetExpiredLeasesAsync(DateTimeOffset.MaxValue.AddYears(-1)));
        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.Completed], await EventTypesAsync(store, "a"));
    }

    [ContractFact]
    public async Task Failing_records_the_error()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        Assert.True(await store.FinishAsync(Fail("a")));

        var job = (await store.GetAsync("a"))!;
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("disk full", job.Error);
        var failed = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal(JobEventTypes.Failed, failed.Type);
        Assert.Equal("disk full", failed.Data.GetProperty("error").GetString());
    }

    [ContractFact]
    public async Task Completing_a_cancelling_job_records_cancel_failed_before_completed()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await store.RequestCancelAsync("a", Cancel());

        Assert.True(await store.FinishAsync(Complete("a")));

        var events = await store.ReadEventsAsync("a", 0);
        Assert.Equal(
            [JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.CancelRequested, JobEventTypes.Cancelling,
             JobEventTypes.CancelFailed, JobEventTypes.Completed],
            events.Select(e => e.Type));
        Assert.Equal("Job already completed", events[4].Data.GetProperty("error").GetString());
        Assert.Equal("user_requested", events[4].Data.GetProperty("reason").GetString());
        Assert.Equal(JobStatus.Completed, (await store.GetAsync("a"))!.Status);
    }

    [ContractFact]
    public async Task Failing_a_cancelling_job_records_cancel_failed_before_failed()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        await store.RequestCancelAsync("a", Cancel());

        Assert.True(await store.FinishAsync(Fail("a")));

        var events = await store.ReadEventsAsync("a", 0);
        Assert.Equal([JobEventTypes.CancelFailed, JobEventTypes.Failed], events.Skip(4).Select(e => e.Type));
        Assert.Equal("Job already failed", events[4].Data.GetProperty("error").GetString());
    }

    [ContractFact]
    public async Task Stopping_a_cancelling_job_records_the_request_checkpoint_and_partial_results()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");
        var request = Cancel();
        await store.RequestCancelAsync("a", request);

        Assert.True(await store.FinishAsync(new JobFinish(
            "a", JobStatus.Cancelled, T0.AddSeconds(7), Partial: Partial(4), StoppedAtCheckpoint: "row-4")));

        var job = (await store.GetAsync("a"))!;
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Equal(request, job.Cancellation);
        var cancelled = (await store.ReadEventsAsync("a", 0))[^1];
        Assert.Equal(JobEventTypes.Cancelled, cancelled.Type);
        Assert.Equal("user_requested", cancelled.Data.GetProperty("reason").GetString());
        Assert.Equal("row-4", cancelled.Data.GetProperty("checkpoint").GetString());
        Assert.Equal(4, cancelled.Data.GetProperty("partial").GetProperty("completedItems").GetInt64());
        Assert.Equal(ToJson(Partial(4)), ToJson(await store.GetPartialResultsAsync("a")));
    }

    [ContractFact]
    public async Task Finishing_as_cancelled_without_a_request_is_refused()
    {
        await using var store = await CreateStoreAsync();
        await CreateRunningAsync(store, "a");

        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await store.FinishAsync(new JobFinish("a", JobStatus.Cancelled, T0.AddSeconds(3))));

        Assert.Equal(JobStatus.Running, (await store.GetAsync("a"))!.Status);
        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started], await EventTypesAsync(store, "a"));
    }

    [ContractFact]
    public async Task Finish_of_an_unknown_job_changes_nothing()
    {
        await using var store = await CreateStoreAsync();

        Assert.False(await store.FinishAsync(Complete("nope")));
    }
}

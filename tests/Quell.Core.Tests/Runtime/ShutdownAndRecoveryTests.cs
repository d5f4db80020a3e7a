using System.Text.Json;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Core.Tests.Runtime;

public sealed class ShutdownAndRecoveryTests
{
    [Fact]
    public async Task Host_stop_fires_the_shutdown_token_first_then_cancels_with_system_shutdown_keeping_partial_results()
    {
        var quell = await RuntimeFixture.StartAsync();
        var dataDirectory = quell.DataDirectory;
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);
        while (!WaitJob.Fired.ContainsKey(job.Id)) await Task.Delay(5);

        await quell.StopAsync();
        await Assert.ThrowsAsync<JobSubmissionException>(() => quell.SubmitAsync(TestJobs.Noop, new EmptyInput()));
        await quell.DisposeAsyncKeepingData();

        Assert.Equal(["shutdown", "cancel"], WaitJob.Fired[job.Id]);
        await using var reopened = await RuntimeFixture.StartAsync(dataDirectory: dataDirectory);
        var done = await reopened.Store.GetAsync(job.Id);
        Assert.Equal(JobStatus.Cancelled, done!.Status);
        Assert.Equal(CancellationReason.SystemShutdown, done.Cancellation!.Reason);
        Assert.Equal(1, (await reopened.Store.GetPartialResultsAsync(job.Id))!.CompletedItems);
    }

    [Fact]
    public async Task A_job_left_running_by_a_dead_process_fails_as_interrupted_and_keeps_its_partial_results()
    {
        var dataDirectory = await SimulateCrashAsync(TestJobs.Steps);

        await using var quell = await RuntimeFixture.StartAsync(dataDirectory: dataDirectory);
        var job = (await quell.Store.ListAsync(new JobQuery())).Items.Single();

        var done = await quell.WaitForEndAsync(job.Id);
        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.StartsWith("Interrupted", done.Error, StringComparison.Ordinal);
        Assert.Equal(7, (await quell.Store.GetPartialResultsAsync(job.Id))!.CompletedItems);
    }

    [Fact]
    public async Task A_retry_safe_job_left_running_by_a_dead_process_is_requeued_and_runs_again()
    {
        var dataDirectory = await SimulateCrashAsync(TestJobs.RetrySafe);

        await using var quell = await RuntimeFixture.StartAsync(dataDirectory: dataDirectory);
        var job = (await quell.Store.ListAsync(new JobQuery())).Items.Single();

        var done = await quell.WaitForEndAsync(job.Id);
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(2, done.Attempt);
        Assert.Contains(await quell.EventsAsync(job.Id), e => e.Type == JobEventTypes.Requeued);
    }

    /// <summary>Leaves a claimed job with saved partial results in a store, as a process killed mid-run would.</summary>
    private static async Task<string> SimulateCrashAsync(string type)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));
        var store = await Storage.Sqlite.SqliteJobStore.OpenAsync(
            new Storage.Sqlite.SqliteJobStoreOptions { DataDirectory = dataDirectory }, new InProcessJobEventBus());
        await using (store)
        {
            var now = DateTimeOffset.UtcNow;
            await store.CreateAsync(new NewJob("crashed", type, "alice",
                JsonSerializer.SerializeToElement(new StepsInput(3, 1), Hosting.QuellBuilder.HandlerJsonOptions), null, [], now));
            await store.ClaimAsync(new JobClaim("dead-node", 1, [type], now, now.AddMinutes(10)));
            await store.SavePartialResultsAsync("crashed", new Results.PartialResults
            {
                Status = Results.PartialResultStatus.Partial, CompletedItems = 7,
            }, now);
        }
        return dataDirectory;
    }
}

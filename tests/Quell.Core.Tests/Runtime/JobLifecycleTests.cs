using Quell.Events;
using Quell.Jobs;
using Quell.Results;

namespace Quell.Core.Tests.Runtime;

public sealed class JobLifecycleTests
{
    [Fact]
    public async Task A_job_runs_to_completion_with_its_result_progress_and_complete_results()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Steps, new StepsInput(5, 1));

        var done = await quell.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(5, done.Result!.Value.GetInt32());
        Assert.Equal(5, done.Progress!.Current);
        Assert.Equal(100, done.Progress.Percent);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        var partial = await quell.Jobs.GetPartialResultsAsync(job.Id, "alice");
        Assert.Equal(PartialResultStatus.Complete, partial!.Status);
        Assert.Equal(5, partial.CompletedItems);
        Assert.Equal(100, partial.CompletionPercent);
        var types = (await quell.EventsAsync(job.Id)).Select(e => e.Type).ToList();
        Assert.Equal(JobEventTypes.Created, types[0]);
        Assert.Equal(JobEventTypes.Started, types[1]);
        Assert.Equal(JobEventTypes.Completed, types[^1]);
        Assert.Single(types, JobEventTypes.IsTerminal);
    }

    [Fact]
    public async Task A_handler_exception_fails_the_job_with_its_message_and_keeps_partial_results()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Fail, new EmptyInput());

        var done = await quell.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal("The test job failed on purpose.", done.Error);
        var partial = await quell.Jobs.GetPartialResultsAsync(job.Id, "alice");
        Assert.Equal(PartialResultStatus.Partial, partial!.Status);
        Assert.Equal(1, partial.CompletedItems);
    }

    [Fact]
    public async Task Unknown_type_bad_input_and_bad_timeout_are_refused_before_a_job_exists()
    {
        await using var quell = await RuntimeFixture.StartAsync();

        var unknown = await Assert.ThrowsAsync<JobSubmissionException>(() => quell.SubmitAsync("no.such", new EmptyInput()));
        Assert.Equal(JobSubmissionError.UnknownType, unknown.Error);
        Assert.Contains(TestJobs.Steps, unknown.Message);
        var badInput = await Assert.ThrowsAsync<JobSubmissionException>(() => quell.SubmitAsync(TestJobs.Steps, new { steps = "many" }));
        Assert.Equal(JobSubmissionError.InvalidInput, badInput.Error);
        var badTimeout = await Assert.ThrowsAsync<JobSubmissionException>(() => quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), timeoutSeconds: 0));
        Assert.Equal(JobSubmissionError.InvalidTimeout, badTimeout.Error);
        var badDependency = await Assert.ThrowsAsync<JobSubmissionException>(() => quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: ["nope"]));
        Assert.Equal(JobSubmissionError.UnknownDependency, badDependency.Error);
        Assert.Equal(0, (await quell.Jobs.ListAsync(new Storage.JobQuery())).Total);
    }

    [Fact]
    public async Task Progress_reported_a_million_times_is_persisted_only_a_few_times_and_ends_exact()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Chatty, new ChattyInput(1_000_000));

        var done = await quell.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(1_000_000, done.Progress!.Current);
        var progressEvents = (await quell.EventsAsync(job.Id)).Count(e => e.Type == JobEventTypes.Progress);
        Assert.InRange(progressEvents, 1, 60);
    }

    [Fact]
    public async Task Cleanup_runs_once_in_reverse_order_on_every_exit_path_and_its_errors_do_not_change_the_outcome()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        foreach (var (outcome, expected) in new[] { ("ok", JobStatus.Completed), ("fail", JobStatus.Failed), ("cancel", JobStatus.Cancelled) })
        {
            var key = Guid.NewGuid().ToString("N");
            var job = await quell.SubmitAsync(TestJobs.Cleanup, new CleanupInput(key, outcome));
            if (outcome == "cancel")
            {
                await quell.WaitForStatusAsync(job.Id, JobStatus.Running);
                while (!CleanupJob.Ran.TryGetValue(key, out var q) || q.IsEmpty) await Task.Delay(5);
                await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
            }

            var done = await quell.WaitForEndAsync(job.Id);

            Assert.Equal(expected, done.Status);
            var ran = CleanupJob.Ran[key].ToArray();
            var temp = ran[0]["temp:".Length..];
            Assert.Equal(["third", "first"], ran[1..]);
            Assert.False(Directory.Exists(temp), "the temp directory is removed by cleanup");
            var logs = (await quell.EventsAsync(job.Id)).Where(e => e.Type == JobEventTypes.Log).Select(e => e.Data.GetProperty("message").GetString()).ToList();
            Assert.Contains(logs, m => m!.Contains("cleanup broke", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Watch_gives_history_then_live_events_until_the_terminal_one_and_respects_after_seq()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Steps, new StepsInput(20, 20));

        var seen = new List<JobEvent>();
        await foreach (var e in quell.Jobs.WatchAsync(job.Id, "alice")) seen.Add(e);

        Assert.Equal(JobEventTypes.Created, seen[0].Type);
        Assert.Equal(JobEventTypes.Completed, seen[^1].Type);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Seq < p.Second.Seq), "sequence numbers increase");
        var later = new List<JobEvent>();
        await foreach (var e in quell.Jobs.WatchAsync(job.Id, "alice", afterSeq: seen[1].Seq)) later.Add(e);
        Assert.Equal(seen.Skip(2).Select(e => e.Seq), later.Select(e => e.Seq));
        var foreign = new List<JobEvent>();
        await foreach (var e in quell.Jobs.WatchAsync(job.Id, "mallory")) foreign.Add(e);
        Assert.Empty(foreign);
    }
}

using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Storage;

namespace Quell.Core.Tests.Runtime;

public sealed class CancellationTests
{
    [Fact]
    public async Task Cancel_of_a_running_job_goes_through_cancelling_and_keeps_reason_message_and_partial_results()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Steps, new StepsInput(10_000, 2));
        await WaitForItemsAsync(quell, job.Id);

        var outcome = await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", CancellationReason.UserRequested, "wrong file"));

        Assert.Equal(CancelOutcomeKind.Cancelling, outcome.Kind);
        Assert.Equal(JobStatus.Cancelling, outcome.Job!.Status);
        var done = await quell.WaitForEndAsync(job.Id);
        Assert.Equal(JobStatus.Cancelled, done.Status);
        Assert.Equal(CancellationReason.UserRequested, done.Cancellation!.Reason);
        Assert.Equal("wrong file", done.Cancellation.Message);
        Assert.Equal("alice", done.Cancellation.RequestedBy);
        var partial = await quell.Jobs.GetPartialResultsAsync(job.Id, "alice");
        Assert.Equal(PartialResultStatus.Partial, partial!.Status);
        Assert.True(partial.CompletedItems > 0);
        Assert.Equal(partial.CompletedItems, partial.CancelledAtItem);
        Assert.Equal(partial.CompletedItems, partial.Results.Count);
        var types = (await quell.EventsAsync(job.Id)).Select(e => e.Type).ToList();
        Assert.Equal(
            [JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.CancelRequested, JobEventTypes.Cancelling, JobEventTypes.Cancelled],
            types.Where(t => t is not (JobEventTypes.Progress or JobEventTypes.Partial or JobEventTypes.Checkpoint or JobEventTypes.Log)));
        var cancelled = (await quell.EventsAsync(job.Id)).Single(e => e.Type == JobEventTypes.Cancelled);
        Assert.Equal("user_requested", cancelled.Data.GetProperty("reason").GetString());
        Assert.Equal("step", cancelled.Data.GetProperty("checkpoint").GetString());
    }

    [Fact]
    public async Task Another_owner_cannot_cancel_a_running_job_and_is_told_it_does_not_exist()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);

        var outcome = await quell.Jobs.CancelAsync(job.Id, new CancelRequest("bob", Message: "not mine"));

        Assert.Equal(CancelOutcomeKind.NotFound, outcome.Kind);
        Assert.Null(outcome.Job);
        await Task.Delay(100);
        var still = await quell.Store.GetAsync(job.Id);
        Assert.Equal(JobStatus.Running, still!.Status);
        Assert.Null(still.Cancellation);
        Assert.Equal(CancelOutcomeKind.Cancelling, (await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"))).Kind);
        Assert.Equal(JobStatus.Cancelled, (await quell.WaitForEndAsync(job.Id)).Status);
    }

    [Fact]
    public async Task Cancel_of_a_pending_job_is_immediate()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var blocker = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        var waiting = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: [blocker.Id]);

        var outcome = await quell.Jobs.CancelAsync(waiting.Id, new CancelRequest("alice", Message: "not needed"));

        Assert.Equal(CancelOutcomeKind.CancelledWhilePending, outcome.Kind);
        Assert.Equal(JobStatus.Cancelled, outcome.Job!.Status);
        Assert.Null(outcome.Job.StartedAt);
        await quell.Jobs.CancelAsync(blocker.Id, new CancelRequest("alice"));
    }

    [Fact]
    public async Task A_second_cancel_is_a_no_op_that_reports_the_first_request()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);
        // Hold the job in "cancelling" long enough to ask twice: the wait job stops at once, so race both requests.
        var first = quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", CancellationReason.UserRequested, "first"));
        var second = quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", CancellationReason.ResourceLimit, "second"));
        var outcomes = await Task.WhenAll(first, second);

        Assert.Contains(outcomes, o => o.Kind == CancelOutcomeKind.Cancelling);
        var done = await quell.WaitForEndAsync(job.Id);
        var winner = outcomes.Single(o => o.Kind == CancelOutcomeKind.Cancelling).Job!.Cancellation!;
        Assert.Equal(winner, done.Cancellation);
        var other = outcomes.Single(o => o.Kind != CancelOutcomeKind.Cancelling);
        Assert.Contains(other.Kind, new[] { CancelOutcomeKind.AlreadyRequested, CancelOutcomeKind.AlreadyFinished });
        Assert.Equal(winner, other.Job!.Cancellation);
        Assert.Single(await quell.EventsAsync(job.Id), e => e.Type == JobEventTypes.CancelRequested);
    }

    [Fact]
    public async Task Cancel_of_a_finished_job_is_refused_with_its_status_and_changes_nothing()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput());
        await quell.WaitForEndAsync(job.Id);
        var before = await quell.EventsAsync(job.Id);

        var outcome = await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));

        Assert.Equal(CancelOutcomeKind.AlreadyFinished, outcome.Kind);
        Assert.Equal(JobStatus.Completed, outcome.Job!.Status);
        Assert.Equal(before.Count, (await quell.EventsAsync(job.Id)).Count);
    }

    [Fact]
    public async Task Cancel_of_an_unknown_or_foreign_job_is_not_found()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());

        Assert.Equal(CancelOutcomeKind.NotFound, (await quell.Jobs.CancelAsync("nope", new CancelRequest("alice"))).Kind);
        Assert.Equal(CancelOutcomeKind.NotFound, (await quell.Jobs.CancelAsync(job.Id, new CancelRequest("mallory"))).Kind);
        Assert.Null(await quell.Jobs.GetAsync(job.Id, "mallory"));
        Assert.NotEqual(JobStatus.Cancelled, (await quell.Jobs.GetAsync(job.Id, "alice"))!.Status);
        await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
    }

    [Fact]
    public async Task A_job_past_its_timeout_is_cancelled_with_reason_timeout_without_sleeping()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var quell = await RuntimeFixture.StartAsync(time: time);
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput(), timeoutSeconds: 60);
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);
        await Task.Delay(50); // let the run arm its timer

        time.Advance(TimeSpan.FromSeconds(61));

        var done = await quell.WaitForEndAsync(job.Id);
        Assert.Equal(JobStatus.Cancelled, done.Status);
        Assert.Equal(CancellationReason.Timeout, done.Cancellation!.Reason);
        Assert.Contains("60 s", done.Cancellation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_exhausts_its_budget_cancels_itself_with_resource_limit()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Budget, new BudgetInput(Items: 100, MaxItems: 40));

        var done = await quell.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Cancelled, done.Status);
        Assert.Equal(CancellationReason.ResourceLimit, done.Cancellation!.Reason);
        Assert.Equal(40, (await quell.Jobs.GetPartialResultsAsync(job.Id, "alice"))!.CompletedItems);
    }

    [Fact]
    public async Task A_failed_dependency_cancels_the_whole_chain_with_dependency_failed()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var gate = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        var first = await quell.SubmitAsync(TestJobs.Fail, new EmptyInput(), dependsOn: [gate.Id]);
        var second = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: [first.Id]);
        var third = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: [second.Id]);
        await Task.Delay(100);
        Assert.Equal(JobStatus.Pending, (await quell.Store.GetAsync(first.Id))!.Status); // waits for its dependency

        await quell.Jobs.CancelAsync(gate.Id, new CancelRequest("alice"));

        foreach (var id in new[] { first.Id, second.Id, third.Id })
        {
            var done = await quell.WaitForEndAsync(id);
            Assert.Equal(JobStatus.Cancelled, done.Status);
            Assert.Equal(CancellationReason.DependencyFailed, done.Cancellation!.Reason);
            Assert.Null(done.StartedAt);
        }
        var late = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: [first.Id]);
        Assert.Equal(JobStatus.Cancelled, late.Status);
    }

    [Fact]
    public async Task A_dependent_starts_only_after_its_dependency_completes()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var first = await quell.SubmitAsync(TestJobs.Steps, new StepsInput(5, 10));
        var second = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput(), dependsOn: [first.Id]);

        var secondDone = await quell.WaitForEndAsync(second.Id);
        var firstDone = await quell.Store.GetAsync(first.Id);

        Assert.Equal(JobStatus.Completed, secondDone.Status);
        Assert.True(secondDone.StartedAt >= firstDone!.FinishedAt);
    }

    [Fact]
    public async Task Ten_thousand_cancel_versus_complete_races_end_with_exactly_one_terminal_event_each()
    {
        await using var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 64);
        var jobs = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => quell.SubmitAsync(TestJobs.Noop, new EmptyInput())));
        var cancels = jobs.Select(async (job, i) =>
        {
            if (i % 3 == 0) await Task.Yield();
            return await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
        });
        var outcomes = await Task.WhenAll(cancels);

        Assert.DoesNotContain(outcomes, o => o.Kind == CancelOutcomeKind.NotFound);
        foreach (var job in jobs)
        {
            var done = await quell.WaitForEndAsync(job.Id);
            var terminal = (await quell.EventsAsync(job.Id)).Where(e => JobEventTypes.IsTerminal(e.Type)).ToList();
            Assert.Single(terminal);
            Assert.Equal(done.Status switch
            {
                JobStatus.Completed => JobEventTypes.Completed,
                JobStatus.Cancelled => JobEventTypes.Cancelled,
                _ => "unexpected " + done.Status,
            }, terminal[0].Type);
        }
    }

    private static async Task WaitForItemsAsync(RuntimeFixture quell, string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await quell.Jobs.GetPartialResultsAsync(jobId, null, timeout.Token))?.CompletedItems is not > 3)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

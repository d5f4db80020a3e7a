using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Core.Tests.Runtime;

/// <summary>The race-prone cancellation paths, each over many iterations.</summary>
public sealed class CancellationRaceTests
{
    [Fact]
    public async Task Concurrent_cancels_of_one_job_record_one_request_and_all_report_the_first_over_500_jobs()
    {
        await using var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 64);
        var jobs = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => quell.SubmitAsync(TestJobs.Wait, new EmptyInput())));
        var reasons = new[] { CancellationReason.UserRequested, CancellationReason.ResourceLimit, CancellationReason.Timeout };

        var outcomes = await Task.WhenAll(jobs.Select(async job =>
            await Task.WhenAll(reasons.Select(r => quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", r, r.ToWireName()))))));

        for (var i = 0; i < jobs.Length; i++)
        {
            var done = await quell.WaitForEndAsync(jobs[i].Id);
            Assert.Equal(JobStatus.Cancelled, done.Status);
            var events = await quell.EventsAsync(jobs[i].Id);
            Assert.Single(events, e => e.Type == JobEventTypes.CancelRequested);
            Assert.Single(events, e => JobEventTypes.IsTerminal(e.Type));
            // Whatever each caller was told, the request it reports is the one that won.
            Assert.All(outcomes[i], o => Assert.Equal(done.Cancellation, o.Job!.Cancellation));
            Assert.Single(outcomes[i], o => o.Kind is CancelOutcomeKind.Cancelling or CancelOutcomeKind.CancelledWhilePending);
        }
    }

    [Fact]
    public async Task Running_jobs_cancelled_by_racing_callers_stop_with_the_request_the_store_kept_over_200_jobs()
    {
        // The token fires as soon as a request is queued, before it commits: the handler must still see the request
        // that wins in the store, and the history must hold it before the terminal event, once.
        await using var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 200);
        var jobs = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => quell.SubmitAsync(TestJobs.Wait, new EmptyInput())));
        foreach (var job in jobs) await quell.WaitForStatusAsync(job.Id, JobStatus.Running);

        await Task.WhenAll(jobs.SelectMany(job => Enumerable.Range(0, 3).Select(i =>
            Task.Run(() => quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", Message: $"caller {i}"))))));

        foreach (var job in jobs)
        {
            var done = await quell.WaitForEndAsync(job.Id);
            Assert.Equal(JobStatus.Cancelled, done.Status);
            Assert.Equal(done.Cancellation!.Message, WaitJob.MessageSeen[job.Id]);
            var events = await quell.EventsAsync(job.Id);
            var requested = Assert.Single(events, e => e.Type == JobEventTypes.CancelRequested);
            var cancelled = Assert.Single(events, e => JobEventTypes.IsTerminal(e.Type));
            Assert.Equal(JobEventTypes.Cancelled, cancelled.Type);
            Assert.True(requested.Seq < cancelled.Seq);
            Assert.Equal(done.Cancellation.Message, cancelled.Data.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Cancels_of_finished_and_unknown_jobs_never_change_anything_over_300_tries()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var finished = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput());
        await quell.WaitForEndAsync(finished.Id);
        var before = await quell.EventsAsync(finished.Id);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => i % 2 == 0
            ? quell.Jobs.CancelAsync(finished.Id, new CancelRequest("alice"))
            : quell.Jobs.CancelAsync("unknown-" + i, new CancelRequest("alice"))));

        Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal(CancelOutcomeKind.AlreadyFinished, o.Kind));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(CancelOutcomeKind.NotFound, o.Kind));
        Assert.Equal(before.Select(e => e.Seq), (await quell.EventsAsync(finished.Id)).Select(e => e.Seq));
        Assert.Equal(JobStatus.Completed, (await quell.Store.GetAsync(finished.Id))!.Status);
    }

    [Fact]
    public async Task Host_stop_with_many_jobs_mid_run_ends_every_one_exactly_once_as_system_shutdown()
    {
        for (var round = 0; round < 5; round++)
        {
            var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 32);
            var dataDirectory = quell.DataDirectory;
            var jobs = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => quell.SubmitAsync(TestJobs.Steps, new StepsInput(100_000, 1))));
            foreach (var job in jobs) await quell.WaitForStatusAsync(job.Id, JobStatus.Running);

            await quell.DisposeAsyncKeepingData();

            await using var reopened = await RuntimeFixture.StartAsync(dataDirectory: dataDirectory);
            foreach (var job in jobs)
            {
                var done = await reopened.Store.GetAsync(job.Id);
                Assert.True(done!.Status == JobStatus.Cancelled, $"{done.Status}: {done.Error}");
                Assert.Equal(CancellationReason.SystemShutdown, done.Cancellation!.Reason);
                Assert.Single(await reopened.EventsAsync(job.Id), e => JobEventTypes.IsTerminal(e.Type));
            }
        }
    }
}

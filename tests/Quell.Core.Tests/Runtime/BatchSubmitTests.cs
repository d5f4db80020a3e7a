using System.Text.Json;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

/// <summary><see cref="IJobService.SubmitManyAsync"/>: each submission checked alone, the valid ones stored together.</summary>
public sealed class BatchSubmitTests
{
    private static readonly JsonElement Empty = JsonSerializer.SerializeToElement(new { });

    [Fact]
    public async Task Each_submission_gets_its_own_result_in_order_and_the_accepted_ones_run()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        await quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Empty, "alice", Id: "taken"));

        var results = await quell.Jobs.SubmitManyAsync(
        [
            new JobSubmission(TestJobs.Noop, Empty, "alice", Id: "b-1"),
            new JobSubmission("no.such.type", Empty, "alice"),
            new JobSubmission(TestJobs.Noop, Empty, "bob", Id: "taken"),
            new JobSubmission(TestJobs.Noop, Empty, "alice", Id: "b-2", DependsOn: ["b-1"]),
            new JobSubmission(TestJobs.Noop, Empty, "bob", Id: "b-1"),
            new JobSubmission(TestJobs.Noop, Empty, "alice", TimeoutSeconds: 0),
        ]);

        Assert.Equal([true, false, false, false, false, false], results.Select(r => r.Accepted));
        Assert.Equal("b-1", results[0].Job!.Id);
        Assert.Equal(
            [null, JobSubmissionError.UnknownType, JobSubmissionError.DuplicateId, JobSubmissionError.UnknownDependency,
             JobSubmissionError.DuplicateId, JobSubmissionError.InvalidTimeout],
            results.Select(r => r.Error?.Error));
        Assert.All(results, r => Assert.True(r.Job is null != (r.Error is null)));
        Assert.Equal(JobStatus.Completed, (await quell.WaitForEndAsync("b-1")).Status);
        Assert.Equal("alice", (await quell.Jobs.GetAsync("b-1", null))!.Owner);
        Assert.Equal("alice", (await quell.Jobs.GetAsync("taken", null))!.Owner);
    }

    [Fact]
    public async Task A_job_whose_dependency_already_failed_is_cancelled_at_once()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var failed = await quell.SubmitAsync(TestJobs.Fail, new EmptyInput());
        await quell.WaitForEndAsync(failed.Id);

        var results = await quell.Jobs.SubmitManyAsync(
            [new JobSubmission(TestJobs.Noop, Empty, "alice", DependsOn: [failed.Id]), new JobSubmission(TestJobs.Noop, Empty, "alice")]);

        Assert.Equal(JobStatus.Cancelled, results[0].Job!.Status);
        Assert.Equal(JobStatus.Completed, (await quell.WaitForEndAsync(results[1].Job!.Id)).Status);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        await using var quell = await RuntimeFixture.StartAsync();

        var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => quell.Jobs.SubmitManyAsync(
            [.. Enumerable.Range(0, JobSubmission.MaxBatchCount + 1).Select(_ => new JobSubmission(TestJobs.Noop, Empty, "alice"))]));

        Assert.Equal(JobSubmissionError.TooManyJobs, refused.Error);
        Assert.Equal(0, (await quell.Jobs.ListAsync(new Storage.JobQuery())).Total);
    }

    [Fact]
    public async Task An_empty_batch_is_an_empty_answer()
    {
        await using var quell = await RuntimeFixture.StartAsync();

        Assert.Empty(await quell.Jobs.SubmitManyAsync([]));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

/// <summary>Job types with slots of their own (<see cref="JobTypeOptions.MaxConcurrency"/>) beside the node's shared slots.</summary>
public sealed class ConcurrencyPoolTests
{
    [Fact]
    public async Task Parents_waiting_on_children_never_take_the_slot_the_children_need()
    {
        // One shared slot, eight parent slots: with parents in the shared pool, the first parent would hold the only
        // slot its child needs, for good.
        await using var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 1);
        var parents = await Task.WhenAll(Enumerable.Range(0, 3 * TestJobs.ParentSlots)
            .Select(_ => quell.SubmitAsync(TestJobs.Parent, new EmptyInput())));

        foreach (var parent in parents)
        {
            var done = await quell.WaitForEndAsync(parent.Id);
            Assert.True(done.Status == JobStatus.Completed, $"{parent.Id}: {done.Status} {done.Error}");
            Assert.Equal("child Completed", done.Result!.Value.GetString());
        }
    }

    [Fact]
    public async Task A_type_with_slots_of_its_own_runs_no_more_at_once_and_leaves_the_shared_slots_alone()
    {
        await using var quell = await RuntimeFixture.StartAsync(o => o.MaxConcurrency = 2);
        var limited = await Task.WhenAll(Enumerable.Range(0, TestJobs.LimitedWaitSlots + 3)
            .Select(_ => quell.SubmitAsync(TestJobs.LimitedWait, new EmptyInput())));

        // Both of its slots fill; the shared slots still run other work while the rest of that type waits.
        await quell.WaitForStatusAsync(limited[0].Id, JobStatus.Running);
        await quell.WaitForStatusAsync(limited[1].Id, JobStatus.Running);
        var steps = await quell.SubmitAsync(TestJobs.Steps, new StepsInput(3));
        Assert.Equal(JobStatus.Completed, (await quell.WaitForEndAsync(steps.Id)).Status);
        Assert.Equal(TestJobs.LimitedWaitSlots, await RunningCountAsync(quell, limited));

        // A slot freed is a slot taken by the next of that type, never more.
        await quell.Jobs.CancelAsync(limited[0].Id, new CancelRequest("alice"));
        await quell.WaitForEndAsync(limited[0].Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await RunningCountAsync(quell, limited) < TestJobs.LimitedWaitSlots) await Task.Delay(20, timeout.Token);
        await Task.Delay(300); // the dispatcher had its chance to over-claim
        Assert.Equal(TestJobs.LimitedWaitSlots, await RunningCountAsync(quell, limited));

        foreach (var job in limited) await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_the_type_is_registered()
    {
        var builder = new ServiceCollection().AddQuell();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            builder.AddJob<EmptyInput, string, NoopJob>("test.bad", o => o.MaxConcurrency = 0));
        Assert.Contains("test.bad", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> RunningCountAsync(RuntimeFixture quell, IEnumerable<JobRecord> jobs)
    {
        var count = 0;
        foreach (var job in jobs)
        {
            if ((await quell.Store.GetAsync(job.Id))?.Status is JobStatus.Running or JobStatus.Cancelling) count++;
        }
        return count;
    }
}

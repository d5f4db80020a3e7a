using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Bench.Quell;

/// <summary>The job types the load scenarios run.</summary>
internal static class BenchJobs
{
    public const string Noop = "bench.noop";
    public const string AwaitCancel = "bench.await-cancel";

    public static QuellBuilder AddBenchJobs(this QuellBuilder quell) => quell
        .AddJob<BenchInput, int, NoopJob>(Noop)
        .AddJob<BenchInput, int, AwaitCancelJob>(AwaitCancel);
}

internal sealed record BenchInput;

/// <summary>Returns at once: what is left is the runtime's own cost per job.</summary>
internal sealed class NoopJob : IJobHandler<BenchInput, int>
{
    public Task<int> ExecuteAsync(BenchInput input, IJobContext context) => Task.FromResult(0);
}

/// <summary>
/// Passes a checkpoint, then awaits its token without holding a thread, like a job waiting on I/O; when the
/// token fires it records the moment (in the token's callback) and stops at the next checkpoint.
/// </summary>
internal sealed class AwaitCancelJob(BenchProbe probe) : IJobHandler<BenchInput, int>
{
    public async Task<int> ExecuteAsync(BenchInput input, IJobContext context)
    {
        var jobId = context.JobId;
        // The handler resumes only from the callback that recorded the moment. Awaiting Task.Delay(token) instead
        // let it resume first (a token runs the newest registration first): the job could then finish and its
        // job.cancelled be published while the thread that fired the token, descheduled on a loaded machine, had
        // not yet recorded it — the "missing timestamp" of the 3-node runs (on another node that thread is the
        // running node's listener).
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = context.CancellationToken.Register(() =>
        {
            probe.HandlerObservedCancel(jobId);
            stopped.TrySetResult();
        });
        context.Checkpoint("waiting");
        probe.HandlerStarted();
        await stopped.Task.ConfigureAwait(false);
        context.Checkpoint("stopped"); // the job's cancellation
        return 0;
    }
}

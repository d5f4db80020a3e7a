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
        var token = context.CancellationToken;
        var jobId = context.JobId;
        using var registration = token.Register(() => probe.HandlerObservedCancel(jobId));
        context.Checkpoint("waiting");
        probe.HandlerStarted();
        try
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the checkpoint below turns it into the job's cancellation.
        }
        context.Checkpoint("stopped");
        return 0;
    }
}

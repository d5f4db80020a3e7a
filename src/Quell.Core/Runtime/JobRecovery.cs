using Microsoft.Extensions.Logging;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// Resolves jobs whose lease ran out because the process running them died: a job that was being cancelled is
/// recorded as cancelled; a retry-safe job goes back to the queue; any other fails as interrupted. Partial results
/// saved before the crash are kept in every case.
/// </summary>
internal sealed partial class JobRecovery(IJobStore store, JobService service, TimeProvider time, ILogger<JobRecovery> log)
{
    internal const string InterruptedError =
        "Interrupted: the process running this job stopped before it finished. Partial results saved before then are kept.";

    public async Task<int> ResolveAbandonedAsync(CancellationToken cancellationToken)
    {
        var abandoned = await store.GetExpiredLeasesAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var job in abandoned)
        {
            var retry = job.Status == JobStatus.Running
                && service.TryGetRegistration(job.Type, out var registration) && registration.Options.SafeToRetry;
            if (retry && await store.RequeueAsync(job.Id, "The process running it stopped; the job type is safe to retry.", time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                LogRequeued(log, job.Id, job.Type);
                continue;
            }
            var status = job.Status == JobStatus.Cancelling ? JobStatus.Cancelled : JobStatus.Failed;
            var finished = await store.FinishAsync(new JobFinish(job.Id, status, time.GetUtcNow(),
                Error: status == JobStatus.Failed ? InterruptedError : null, StoppedAtCheckpoint: "interrupted"), cancellationToken).ConfigureAwait(false);
            if (!finished) continue;
            LogResolved(log, job.Id, status);
            await service.CancelDependentsAsync(job.Id, cancellationToken).ConfigureAwait(false);
        }
        return abandoned.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Type}) was left running by a dead process; re-queued")]
    private static partial void LogRequeued(ILogger logger, string jobId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was left running by a dead process; now {Status}")]
    private static partial void LogResolved(ILogger logger, string jobId, JobStatus status);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quell.Cancellation;
using Quell.Events;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Results;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// Runs one claimed job from start to its single terminal event: handler, outcome, last progress, cleanup,
/// partial results, the conditional finish, and the dependents of a job that did not complete.
/// </summary>
internal sealed partial class JobExecutor(
    IJobStore store,
    JobService service,
    ActiveJobs active,
    ProgressPump pump,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<QuellOptions> options,
    ILoggerFactory loggers)
{
    internal static readonly ActivitySource Activities = new(QuellTelemetry.ActivitySourceName);
    private readonly ILogger _log = loggers.CreateLogger<JobExecutor>();
    private readonly string _tempRoot = Path.Combine(options.Value.DataDirectory, "tmp");
    // Per run these were a string concatenation and a locked factory lookup, and a new delegate.
    private readonly ConcurrentDictionary<string, ILogger> _jobLoggers = new(StringComparer.Ordinal);
    private Action<JobExecution, CancellationInfo>? _cancelSelf;

    /// <summary>Starts the run in the background and registers it as active on this node.</summary>
    public JobExecution Start(JobRecord job, JobTypeRegistration registration)
    {
        var execution = new JobExecution(job, registration, active.ShutdownToken);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = RunAsync(execution, started.Task);
        active.Add(execution, run);
        started.SetResult();
        return execution;
    }

    private async Task RunAsync(JobExecution execution, Task registered)
    {
        await registered.ConfigureAwait(false);
        await Task.Yield(); // off the dispatcher's thread
        using var activity = Activities.StartActivity("job " + execution.Job.Type);
        activity?.SetTag("quell.job.id", execution.JobId);
        execution.Activity = activity;
        QuellMetrics.JobStarted(execution.Job.Type);
        try
        {
            ArmTimeout(execution);
            var outcome = await InvokeHandlerAsync(execution).ConfigureAwait(false);
            await FinishAsync(execution, outcome).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Only a store failure lands here; the job stays running and recovery resolves it later.
            LogFinishFailed(_log, e, execution.JobId);
        }
        finally
        {
            QuellMetrics.JobEnded(execution.Job.Type);
            active.Remove(execution.JobId);
            execution.Dispose();
        }
    }

    private void ArmTimeout(JobExecution execution)
    {
        if (execution.Job.TimeoutSeconds is not { } seconds) return;
        var timer = time.CreateTimer(static state =>
        {
            var (executor, run) = ((JobExecutor, JobExecution))state!;
            _ = executor.CancelFromRuntimeAsync(run, CancellationReason.Timeout, $"Job exceeded its timeout of {run.Job.TimeoutSeconds} s.");
        }, (this, execution), TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
        execution.SetTimeout(timer);
    }

    /// <summary>A cancel the runtime itself decides (timeout, a job's own budget): durable first, then signalled.</summary>
    internal async Task CancelFromRuntimeAsync(JobExecution execution, CancellationReason reason, string message)
    {
        try
        {
            var info = new CancellationInfo(reason, message, "system", time.GetUtcNow());
            await service.RequestCancelAsync(execution.JobId, info).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogCancelFailed(_log, e, execution.JobId);
            execution.CancelNow(); // the finish path makes the request durable before recording cancelled
        }
    }

    /// <summary>A handler cancelling itself: its token fires now; the request is made durable right after.</summary>
    internal void CancelSelf(JobExecution execution, CancellationInfo info)
    {
        execution.TrySetCancellation(info);
        execution.CancelNow();
        _ = service.RequestCancelAsync(execution.JobId, execution.Cancellation ?? info);
    }

    private async Task<JobOutcome> InvokeHandlerAsync(JobExecution execution)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var typeLogger = _jobLoggers.GetOrAdd(execution.Job.Type, static (type, factory) => factory.CreateLogger("Quell.Jobs." + type), loggers);
            var logger = new JobLogger(typeLogger, execution, time);
            var context = new JobContext(execution, logger, time, _tempRoot, _cancelSelf ??= CancelSelf, pump);
            try
            {
                var result = await execution.Registration.Run(scope.ServiceProvider, execution.Job.Input, context).ConfigureAwait(false);
                return new JobOutcome(JobStatus.Completed, Result: result);
            }
            catch (OperationCanceledException) when (execution.CancellationToken.IsCancellationRequested || execution.ShutdownToken.IsCancellationRequested)
            {
                return new JobOutcome(JobStatus.Cancelled);
            }
            catch (Exception e)
            {
                // A handler's own exception is a failure; the user sees its message, never a stack trace.
                logger.LogError(e, "Job failed: {Error}", e.Message);
                return new JobOutcome(JobStatus.Failed, Error: e.Message);
            }
        }
    }

    private async Task FinishAsync(JobExecution execution, JobOutcome outcome)
    {
        var cleanupErrors = execution.HasCleanup ? await execution.Cleanup.RunAsync().ConfigureAwait(false) : [];
        foreach (var error in cleanupErrors)
        {
            LogCleanupFailed(_log, error, execution.JobId);
            execution.Enqueue(new NewJobEvent(execution.JobId, JobEventTypes.Log, time.GetUtcNow(),
                JobEventData.Log("error", "Cleanup action failed: " + error.Message, error.GetType().Name)));
        }
        if (execution.LeaseLost)
        {
            // Recovered elsewhere while this run went on (a pause longer than the lease): its end is not ours to write.
            await ProgressPump.AbandonAsync(execution).ConfigureAwait(false);
            LogAbandoned(_log, execution.JobId);
            return;
        }
        await pump.FlushAsync(execution).ConfigureAwait(false);

        var cancelled = outcome.Status == JobStatus.Cancelled;
        var partial = execution.Partial.Snapshot(
            outcome.Status == JobStatus.Completed ? PartialResultStatus.Complete : null, cancelled);
        if (cancelled && !execution.CancelRecorded) await EnsureCancelRecordedAsync(execution).ConfigureAwait(false);

        active.ReleaseSlot(execution); // nothing of the job runs any more: only its terminal write is left
        var finishing = Stopwatch.GetTimestamp();
        var finished = await store.FinishAsync(new JobFinish(
            execution.JobId, outcome.Status, time.GetUtcNow(), outcome.Result, outcome.Error, partial,
            cancelled ? execution.LastCheckpoint : null, ProgressPump.FinalProgress(execution))).ConfigureAwait(false);
        QuellMetrics.StoreCall("finish", finishing);
        execution.Activity?.SetTag("quell.job.status", outcome.Status.ToWireName());
        if (cancelled) execution.Activity?.SetTag("quell.cancel.reason", execution.Cancellation?.Reason.ToWireName());
        if (!finished) LogAlreadyFinished(_log, execution.JobId);
        else QuellMetrics.JobFinished(execution.Job.Type, outcome.Status, cancelled ? time.GetUtcNow() - execution.Cancellation?.RequestedAt : null);
        if (finished && outcome.Status != JobStatus.Completed)
        {
            await service.CancelDependentsAsync(execution.JobId).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records a job that ignored shutdown past the timeout as cancelled, with the partial results it reported,
    /// so the history is complete before the process exits. Its cleanup cannot run while its handler still does.
    /// </summary>
    internal async Task ForceCancelledAsync(JobExecution execution)
    {
        try
        {
            await pump.FlushAsync(execution).ConfigureAwait(false);
            await EnsureCancelRecordedAsync(execution).ConfigureAwait(false);
            await store.FinishAsync(new JobFinish(execution.JobId, JobStatus.Cancelled, time.GetUtcNow(),
                Partial: execution.Partial.Snapshot(cancelled: true), StoppedAtCheckpoint: execution.LastCheckpoint,
                Progress: ProgressPump.FinalProgress(execution))).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogFinishFailed(_log, e, execution.JobId);
        }
    }

    /// <summary>A cancelled finish needs a durable request; the one that stopped the job may still be being written.</summary>
    private async Task EnsureCancelRecordedAsync(JobExecution execution)
    {
        if (execution.CancelWrite is { } pending)
        {
            try
            {
                if ((await pending.ConfigureAwait(false)).Kind is CancelOutcomeKind.Cancelling or CancelOutcomeKind.AlreadyRequested) return;
            }
            catch (Exception e)
            {
                LogCancelFailed(_log, e, execution.JobId); // written again below
            }
        }
        var info = execution.Cancellation
            ?? new CancellationInfo(CancellationReason.SystemShutdown, "Host is shutting down.", "system", time.GetUtcNow());
        await store.RequestCancelAsync(execution.JobId, info).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be finished in the store; recovery will resolve it")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not record its runtime cancellation")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cleanup action of job {JobId} failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stopped without writing its end: this node lost its lease and another node recovered it")]
    private static partial void LogAbandoned(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} was already terminal when its run ended")]
    private static partial void LogAlreadyFinished(ILogger logger, string jobId);
}

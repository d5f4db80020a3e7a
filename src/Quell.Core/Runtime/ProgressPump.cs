using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quell.Events;
using Quell.Hosting;
using Quell.Progress;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// Turns the latest values handlers report into events: live progress to watchers every publish interval
/// (transient, not stored), and progress, the latest checkpoint and partial results to the store every persist
/// interval and once more at the end. A job may report millions of times; the store sees about one write a second.
/// </summary>
internal sealed partial class ProgressPump(
    IJobStore store, IJobEventBus bus, ActiveJobs active, TimeProvider time, IOptions<QuellOptions> options,
    ILogger<ProgressPump> log)
{
    private readonly QuellOptions _options = options.Value;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ProgressPublishInterval, time);
        var lastPersist = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var persist = time.GetElapsedTime(lastPersist) >= _options.PersistInterval;
                if (persist) lastPersist = time.GetTimestamp();
                foreach (var execution in active.Executions)
                {
                    PublishLiveProgress(execution);
                    if (!execution.HasPendingEvents && !(persist && HasUnsavedState(execution))) continue;
                    try
                    {
                        await WriteAsync(execution, persist, final: false, stoppingToken).ConfigureAwait(false);
                    }
                    catch (ObjectDisposedException)
                    {
                        // The run ended between the snapshot of active jobs and this write.
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogPersistFailed(log, e, execution.JobId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The progress the terminal write must save, once <see cref="FlushAsync"/> ran; null when it is saved already.</summary>
    public static JobProgress? FinalProgress(JobExecution execution) =>
        execution.Progress.Version != execution.PersistedProgressVersion ? execution.Progress.Snapshot(out _) : null;

    /// <summary>
    /// The last write for a job before its terminal event: the log lines it still holds. Its last progress, partial
    /// results and checkpoint go with the terminal write itself.
    /// </summary>
    public Task FlushAsync(JobExecution execution) => WriteAsync(execution, persist: true, final: true, CancellationToken.None);

    /// <summary>Ends a run whose lease was lost: what it still holds is dropped, and the pump leaves it alone.</summary>
    public static async Task AbandonAsync(JobExecution execution)
    {
        await execution.PersistGate.WaitAsync().ConfigureAwait(false);
        try
        {
            execution.Flushed = true;
            execution.TakePendingEvents();
        }
        finally
        {
            execution.PersistGate.Release();
        }
    }

    /// <summary>
    /// Makes one event of the handler's own durable now, after the events it queued before (log lines), so the
    /// history keeps the order in which the handler produced them.
    /// </summary>
    public async Task EmitAsync(JobExecution execution, NewJobEvent jobEvent, CancellationToken cancellationToken)
    {
        await execution.PersistGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (execution.Flushed) throw new InvalidOperationException($"Job {execution.JobId} has finished; it can emit no more events.");
            var pending = execution.TakePendingEvents();
            if (pending is null) await store.AppendAsync([jobEvent], cancellationToken).ConfigureAwait(false);
            else
            {
                pending.Add(jobEvent);
                await store.AppendAsync(pending, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            execution.PersistGate.Release();
        }
    }

    private static bool HasUnsavedState(JobExecution execution) =>
        execution.Progress.Version != execution.PersistedProgressVersion
        || execution.PartialVersion != execution.PersistedPartialVersion
        || execution.CheckpointVersion != execution.PersistedCheckpointVersion;

    private void PublishLiveProgress(JobExecution execution)
    {
        var version = execution.Progress.Version;
        if (version == execution.PublishedProgressVersion || !bus.HasSubscribers(execution.JobId)) return;
        var progress = execution.Progress.Snapshot(out version);
        execution.PublishedProgressVersion = version;
        bus.Publish([new JobEvent(0, execution.JobId, JobEventTypes.Progress, time.GetUtcNow(), JobEventData.Progress(progress))]);
    }

    private async Task WriteAsync(JobExecution execution, bool persist, bool final, CancellationToken cancellationToken)
    {
        await execution.PersistGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A run whose lease was taken over writes nothing more: the job is another run's now.
            if (execution.Flushed || execution.LeaseLost) return;
            if (final) execution.Flushed = true;
            var now = time.GetUtcNow();
            if (execution.TakePendingEvents() is { } pending) await store.AppendAsync(pending, cancellationToken).ConfigureAwait(false);
            if (!persist) return;
            if (execution.CheckpointVersion != execution.PersistedCheckpointVersion && execution.LastCheckpoint is { } checkpoint && !final)
            {
                execution.PersistedCheckpointVersion = execution.CheckpointVersion;
                await store.AppendAsync([new NewJobEvent(execution.JobId, JobEventTypes.Checkpoint, now, JobEventData.Checkpoint(checkpoint))], cancellationToken).ConfigureAwait(false);
            }
            // The final progress and partial results travel with the terminal event (FinalProgress); in between they
            // are saved in batches.
            if (!final && execution.Progress.Version != execution.PersistedProgressVersion)
            {
                var progress = execution.Progress.Snapshot(out var version);
                execution.PersistedProgressVersion = version;
                await store.SaveProgressAsync(execution.JobId, progress, now, cancellationToken).ConfigureAwait(false);
            }
            if (!final && execution.PartialVersion != execution.PersistedPartialVersion)
            {
                var version = execution.PartialVersion;
                var partial = execution.Partial.Snapshot();
                execution.PersistedPartialVersion = version;
                await store.SavePartialResultsAsync(execution.JobId, partial, now, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            execution.PersistGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving progress of job {JobId} failed; the next tick retries")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string jobId);
}

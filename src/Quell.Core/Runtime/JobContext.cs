using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>The <see cref="IJobContext"/> handed to a handler: a thin view over its <see cref="JobExecution"/>.</summary>
internal sealed class JobContext(
    JobExecution execution, ILogger log, TimeProvider timeProvider, string tempRoot,
    Action<JobExecution, CancellationInfo> cancelSelf, ProgressPump pump) : IJobContext
{
    public string JobId => execution.JobId;

    public string JobType => execution.Job.Type;

    public int Attempt => execution.Job.Attempt;

    public CancellationToken CancellationToken => execution.CancellationToken;

    public CancellationToken ShutdownToken => execution.ShutdownToken;

    public CancellationInfo? Cancellation => execution.Cancellation;

    public ILogger Log => log;

    public Task EmitAsync(string type, JsonElement data, CancellationToken cancellationToken = default)
    {
        JobEventTypes.ThrowIfReserved(type);
        return pump.EmitAsync(execution, new NewJobEvent(execution.JobId, type, timeProvider.GetUtcNow(), data.Clone()), cancellationToken);
    }

    public void ReportProgress(long current, long? total = null, string? message = null) =>
        execution.Progress.Report(current, total, message);

    public void Checkpoint(string name)
    {
        execution.LastCheckpoint = name;
        execution.CheckpointVersion++;
        var token = execution.CancellationToken;
        if (token.IsCancellationRequested) throw new JobCancelledException(execution.Cancellation, name, token);
    }

    public void SetTotalItems(long? totalItems) => execution.Partial.SetTotal(totalItems);

    public void AddPartialResult<T>(T item) => execution.Partial.Add(item);

    public void ReplacePartialResults<T>(IReadOnlyList<T> results, long completedItems)
    {
        ArgumentNullException.ThrowIfNull(results);
        execution.Partial.Replace(results, completedItems);
    }

    public void AddFailure(long index, string error) => execution.Partial.AddFailure(index, error);

    public void OnCleanup(Func<ValueTask> action) => execution.Cleanup.Push(action);

    public string CreateTempDirectory()
    {
        var path = Path.Combine(tempRoot, execution.JobId, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        OnCleanup(() =>
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            return ValueTask.CompletedTask;
        });
        return path;
    }

    public void Cancel(CancellationReason reason, string message) =>
        cancelSelf(execution, new CancellationInfo(reason, message, "job", timeProvider.GetUtcNow()));
}

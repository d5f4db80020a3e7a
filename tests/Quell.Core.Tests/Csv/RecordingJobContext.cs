using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Csv;

/// <summary>
/// A job context for handler tests: records what the handler reports and can cancel at the Nth checkpoint or
/// signal host shutdown, the way the runtime does.
/// </summary>
internal sealed class RecordingJobContext : IJobContext
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Func<ValueTask>> _cleanups = [];

    /// <summary>When set, the checkpoint with this 1-based number cancels the job and throws.</summary>
    public int? CancelAtCheckpoint { get; init; }

    /// <summary>When set, host shutdown is signalled at the checkpoint with this 1-based number (it does not throw).</summary>
    public int? ShutdownAtCheckpoint { get; init; }

    public List<(long Current, long? Total, string? Message)> Progress { get; } = [];

    public List<string> Checkpoints { get; } = [];

    public IReadOnlyList<object?> PartialResults { get; private set; } = [];

    public long CompletedItems { get; private set; }

    public List<(long Index, string Error)> Failures { get; } = [];

    public long? TotalItems { get; private set; }

    public string JobId => "job-test";

    public string JobType => CsvAnalyzeJob.JobType;

    public int Attempt => 1;

    public CancellationToken CancellationToken => _cancel.Token;

    public CancellationToken ShutdownToken => _shutdown.Token;

    public CancellationInfo? Cancellation { get; private set; }

    public ILogger Log => NullLogger.Instance;

    public List<(string Type, System.Text.Json.JsonElement Data)> Emitted { get; } = [];

    public Task EmitAsync(string type, System.Text.Json.JsonElement data, CancellationToken cancellationToken = default)
    {
        Emitted.Add((type, data.Clone()));
        return Task.CompletedTask;
    }

    public void ReportProgress(long current, long? total = null, string? message = null) => Progress.Add((current, total, message));

    public void Checkpoint(string name)
    {
        Checkpoints.Add(name);
        if (ShutdownAtCheckpoint == Checkpoints.Count) _shutdown.Cancel();
        if (CancelAtCheckpoint == Checkpoints.Count) Cancel(CancellationReason.UserRequested, "test");
        if (_cancel.IsCancellationRequested) throw new JobCancelledException(Cancellation, name, _cancel.Token);
    }

    public void SetTotalItems(long? totalItems) => TotalItems = totalItems;

    public void AddPartialResult<T>(T item)
    {
        PartialResults = [.. PartialResults, item];
        CompletedItems++;
    }

    public void ReplacePartialResults<T>(IReadOnlyList<T> results, long completedItems)
    {
        PartialResults = results.Cast<object?>().ToArray();
        CompletedItems = completedItems;
    }

    public void AddFailure(long index, string error) => Failures.Add((index, error));

    public void OnCleanup(Func<ValueTask> action) => _cleanups.Add(action);

    public string CreateTempDirectory() => Directory.CreateTempSubdirectory("quell-test-").FullName;

    public void Cancel(CancellationReason reason, string message)
    {
        Cancellation ??= new CancellationInfo(reason, message, "test", DateTimeOffset.UnixEpoch);
        _cancel.Cancel();
    }

    public IEnumerable<FileStats> PartialFileStats => PartialResults.Cast<FileStats>();
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Bench.BareMcp;

/// <summary>
/// Just enough of <see cref="IJobContext"/> to run a job handler inside an MCP tool: progress goes straight to the
/// SDK's <see cref="IProgress{T}"/> (one notification per report), checkpoints check the request's token, and
/// partial results are only kept in memory. This is what "no runtime" means for the comparison.
/// </summary>
internal sealed class DirectJobContext(string id, IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken) : IJobContext
{
    public string JobId => id;

    public string JobType => CsvJobType;

    public int Attempt => 1;

    public CancellationToken CancellationToken => cancellationToken;

    public CancellationToken ShutdownToken => CancellationToken.None;

    public CancellationInfo? Cancellation => null;

    public ILogger Log => NullLogger.Instance;

    // The bare tool keeps no history: csv.analyze never emits events of its own.
    public Task EmitAsync(string type, System.Text.Json.JsonElement data, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>The latest summary the job published, as Quell would keep it for a cancelled job.</summary>
    public object? PartialResults { get; private set; }

    private const string CsvJobType = "csv.analyze";

    /// <summary>As Quell's MCP surface does: a percentage of 100 when the total is known, else the raw count.</summary>
    public void ReportProgress(long current, long? total = null, string? message = null)
    {
        var value = total is > 0
            ? new ProgressNotificationValue { Progress = (float)(current * 100.0 / total.Value), Total = 100, Message = message }
            : new ProgressNotificationValue { Progress = current, Message = message };
        progress.Report(value);
    }

    public void Checkpoint(string name) => cancellationToken.ThrowIfCancellationRequested();

    public void SetTotalItems(long? totalItems)
    {
    }

    public void AddPartialResult<T>(T item) => PartialResults = item;

    public void ReplacePartialResults<T>(IReadOnlyList<T> results, long completedItems) => PartialResults = results;

    public void AddFailure(long index, string error)
    {
    }

    public void OnCleanup(Func<ValueTask> action) => throw new NotSupportedException("The bare tool has no cleanup.");

    public string CreateTempDirectory() => throw new NotSupportedException("The bare tool has no temp directories.");

    public void Cancel(CancellationReason reason, string message) => throw new NotSupportedException("The bare tool does not cancel itself.");
}

using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quell.Cancellation;

namespace Quell.Jobs;

/// <summary>
/// Everything a running job sees of the runtime. Methods are cheap and safe to call from the handler's own
/// thread at any rate; the runtime coalesces and persists in the background.
/// </summary>
public interface IJobContext
{
    /// <summary>The job's id.</summary>
    string JobId { get; }

    /// <summary>The job's registered type.</summary>
    string JobType { get; }

    /// <summary>1 on the first run; higher when a retry-safe job was re-queued after a crash.</summary>
    int Attempt { get; }

    /// <summary>Fires on any cancellation; <see cref="Cancellation"/> says why.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>
    /// Fires first when the host stops, before <see cref="CancellationToken"/> does (after the shutdown notice
    /// period), so a job may finish the step it is in and stop cleanly.
    /// </summary>
    CancellationToken ShutdownToken { get; }

    /// <summary>The cancellation request, once there is one.</summary>
    CancellationInfo? Cancellation { get; }

    /// <summary>Records progress. Cheap: only the latest value is kept; it is published and persisted in the background.</summary>
    void ReportProgress(long current, long? total = null, string? message = null);

    /// <summary>Marks a safe point; throws <see cref="JobCancelledException"/> if the job must stop.</summary>
    void Checkpoint(string name);

    /// <summary>Sets how many items the job will process, for <c>completionPercent</c>.</summary>
    void SetTotalItems(long? totalItems);

    /// <summary>Adds one finished result (kept on cancel and failure, saved in batches). Counts one item done.</summary>
    void AddPartialResult<T>(T item);

    /// <summary>
    /// Replaces the results with a running summary (for jobs whose result is an aggregate, such as column
    /// statistics) and sets the number of items the summary covers.
    /// </summary>
    void ReplacePartialResults<T>(IReadOnlyList<T> results, long completedItems);

    /// <summary>Records an item that failed; the job goes on.</summary>
    void AddFailure(long index, string error);

    /// <summary>Registers an action to run once, in reverse order of registration, on every exit path.</summary>
    void OnCleanup(Func<ValueTask> action);

    /// <summary>Creates a private directory that cleanup removes.</summary>
    string CreateTempDirectory();

    /// <summary>
    /// Cancels the job from inside, such as with <see cref="CancellationReason.ResourceLimit"/> when a budget ran out.
    /// The request is recorded like any other; the next <see cref="Checkpoint"/> throws.
    /// </summary>
    void Cancel(CancellationReason reason, string message);

    /// <summary>
    /// Appends an event of the handler's own (such as a workflow's <c>task.*</c> events) to the job's history and
    /// returns once it is durable, in order after everything the job recorded before. The type must not start
    /// with <c>job.</c>, which the runtime reserves.
    /// </summary>
    Task EmitAsync(string type, JsonElement data, CancellationToken cancellationToken = default);

    /// <summary>A logger whose lines are also kept as <c>job.log</c> events.</summary>
    ILogger Log { get; }
}

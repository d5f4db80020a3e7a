using System.Text.Json;
using Quell.Events;
using Quell.Results;
using Quell.Storage;

namespace Quell.Jobs;

/// <summary>
/// What every surface (HTTP, MCP, CLI, web) uses to submit, watch and cancel jobs. Owner checks happen here:
/// a job of another owner is indistinguishable from an unknown one. A null owner means an operator who sees all.
/// </summary>
public interface IJobService
{
    /// <summary>The registered job types and their options.</summary>
    IReadOnlyDictionary<string, JobTypeOptions> JobTypes { get; }

    /// <summary>False once the host started stopping; submissions are refused with <see cref="JobSubmissionError.ShuttingDown"/>.</summary>
    bool IsAcceptingJobs { get; }

    /// <summary>Validates and stores a new job. Throws <see cref="JobSubmissionException"/> for bad submissions.</summary>
    Task<JobRecord> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates each submission as <see cref="SubmitAsync"/> does and stores the valid ones together (one transaction
    /// where the store can). The answer has one result per submission, in order: a refused submission (bad input, taken
    /// id…) refuses only itself. Throws <see cref="JobSubmissionException"/> only for the whole batch: while shutting
    /// down, or with more than <see cref="JobSubmission.MaxBatchCount"/> submissions. Dependencies must exist before the
    /// batch: a job cannot depend on another of the same call. This default submits them one by one.
    /// </summary>
    async Task<IReadOnlyList<JobSubmissionResult>> SubmitManyAsync(
        IReadOnlyList<JobSubmission> submissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        JobSubmission.ThrowIfTooMany(submissions.Count);
        var results = new JobSubmissionResult[submissions.Count];
        for (var i = 0; i < submissions.Count; i++)
        {
            try
            {
                results[i] = new JobSubmissionResult(await SubmitAsync(submissions[i], cancellationToken).ConfigureAwait(false), null);
            }
            catch (JobSubmissionException e) when (e.Error != JobSubmissionError.ShuttingDown)
            {
                results[i] = new JobSubmissionResult(null, e);
            }
        }
        return results;
    }

    /// <summary>The job, or null when unknown or owned by someone else.</summary>
    Task<JobRecord?> GetAsync(string jobId, string? owner, CancellationToken cancellationToken = default);

    /// <summary>A page of jobs of <see cref="JobQuery.Owner"/> (all owners when null).</summary>
    Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests cancellation: durable first, then signalled to the handler. The outcome says whether the job was
    /// cancelled at once (pending), is stopping, had already been asked (the first request is reported), or had
    /// already finished.
    /// </summary>
    Task<CancelOutcome> CancelAsync(string jobId, CancelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Saved partial results, or null when the job is unknown, foreign, or saved none.</summary>
    Task<PartialResults?> GetPartialResultsAsync(string jobId, string? owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// The job's events after <paramref name="afterSeq"/>: the stored history first, then live events until the
    /// job's terminal event. With <paramref name="includeTransient"/>, live progress between persisted progress
    /// events is included (with <see cref="JobEvent.Seq"/> 0). Ends at once for an unknown or foreign job.
    /// </summary>
    IAsyncEnumerable<JobEvent> WatchAsync(
        string jobId, string? owner, long afterSeq = 0, bool includeTransient = false,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an event to a job's history from outside its handler (a workflow element's cancel request, say) and
    /// returns once it is durable; watchers of the job see it like any other. False when the job is unknown or
    /// foreign. The type must not start with <c>job.</c>.
    /// </summary>
    Task<bool> AppendEventAsync(string jobId, string? owner, string type, JsonElement data, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> stored events of the job after <paramref name="afterSeq"/>, oldest first, without
    /// waiting for more; null when the job is unknown or foreign.
    /// </summary>
    Task<IReadOnlyList<JobEvent>?> ReadEventsAsync(
        string jobId, string? owner, long afterSeq = 0, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>Waits until the job is terminal and returns it; null when unknown or foreign.</summary>
    Task<JobRecord?> WaitForCompletionAsync(string jobId, string? owner, CancellationToken cancellationToken = default);
}

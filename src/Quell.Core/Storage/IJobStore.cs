using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;

namespace Quell.Storage;

/// <summary>
/// The durable home of jobs and their events. Every state change appends its event in the same transaction, and
/// every event is published to the <see cref="IJobEventBus"/> after it commits, in sequence order. Transitions
/// are conditional so that several nodes sharing one store cannot produce two terminal states. The contract is the
/// reusable suite in <c>tests/Quell.Storage.Contract</c>; every implementation must pass it.
/// </summary>
public interface IJobStore : IAsyncDisposable
{
    /// <summary>Inserts a pending job and its <c>job.created</c> event.</summary>
    ValueTask<JobRecord> CreateAsync(NewJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts several pending jobs, each with its <c>job.created</c> event, and answers per job in the same order:
    /// the stored job, or null when its id was taken (by an existing job or an earlier one of the same list). A store
    /// that can should do it in one transaction (SQLite does); this default creates them one by one, so a store
    /// without an override is correct, only slower.
    /// </summary>
    async ValueTask<IReadOnlyList<JobRecord?>> CreateManyAsync(
        IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var created = new JobRecord?[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            try
            {
                created[i] = await CreateAsync(jobs[i], cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateJobIdException)
            {
                created[i] = null;
            }
        }
        return created;
    }

    /// <summary>Moves claimable pending jobs to <c>running</c> under a lease, appending <c>job.started</c>.</summary>
    ValueTask<IReadOnlyList<JobRecord>> ClaimAsync(JobClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Extends this node's leases and reports durable cancel requests and lost leases.</summary>
    ValueTask<LeaseRenewal> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<string> jobIds, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a cancel request before anyone is signalled. Pending → <c>cancelled</c> at once
    /// (<c>job.cancel.requested</c>, <c>job.cancelled</c>); running → <c>cancelling</c>
    /// (<c>job.cancel.requested</c>, <c>job.cancelling</c>); a second request changes nothing and reports the first.
    /// </summary>
    ValueTask<CancelOutcome> RequestCancelAsync(
        string jobId, CancellationInfo cancellation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a non-terminal job to its terminal state and appends the terminal event. A job that was
    /// <c>cancelling</c> but finishes as completed or failed also gets <c>job.cancel.failed</c> first.
    /// Returns false, changing nothing, when the job was already terminal.
    /// </summary>
    ValueTask<bool> FinishAsync(JobFinish finish, CancellationToken cancellationToken = default);

    /// <summary>Appends events that change no state (checkpoints, logs, markers).</summary>
    ValueTask AppendAsync(IReadOnlyList<NewJobEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Saves the latest progress of a running job and appends <c>job.progress</c>.</summary>
    ValueTask SaveProgressAsync(
        string jobId, JobProgress progress, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>Replaces the saved partial results of a job and appends <c>job.partial</c> (counts only).</summary>
    ValueTask SavePartialResultsAsync(
        string jobId, PartialResults partial, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>The job, or null.</summary>
    ValueTask<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The saved partial results, or null when the job is unknown or saved none.</summary>
    ValueTask<PartialResults?> GetPartialResultsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of jobs, newest first.</summary>
    ValueTask<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default);

    /// <summary>A job's events with <see cref="JobEvent.Seq"/> greater than <paramref name="afterSeq"/>, in order.</summary>
    ValueTask<IReadOnlyList<JobEvent>> ReadEventsAsync(
        string jobId, long afterSeq, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>Ids of pending jobs that list <paramref name="jobId"/> in their <c>dependsOn</c>.</summary>
    ValueTask<IReadOnlyList<string>> GetPendingDependentsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Running or cancelling jobs whose lease ran out before <paramref name="now"/>.</summary>
    ValueTask<IReadOnlyList<JobRecord>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a running job whose lease expired back to <c>pending</c> (a retry-safe job after a crash), appending
    /// <c>job.requeued</c>. False when it is no longer running or a cancel was requested.
    /// </summary>
    ValueTask<bool> RequeueAsync(string jobId, string reason, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>Deletes jobs that finished before <paramref name="finishedBefore"/>, with their events.</summary>
    ValueTask<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default);
}

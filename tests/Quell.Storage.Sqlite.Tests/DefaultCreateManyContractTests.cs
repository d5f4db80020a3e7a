using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;
using Quell.Storage.Contract;

namespace Quell.Storage.Sqlite.Tests;

/// <summary>
/// The contract against a store that does not override <see cref="IJobStore.CreateManyAsync"/>: the interface's
/// default (one <see cref="IJobStore.CreateAsync"/> per job), which other stores get until they write their own.
/// </summary>
public sealed class DefaultCreateManyContractTests : JobStoreContract, IDisposable
{
    private readonly TempDataDirectory _root = new();
    private int _stores;

    protected override async Task<IJobStore> CreateStoreAsync(IJobEventBus bus)
    {
        var options = new SqliteJobStoreOptions { DataDirectory = Path.Combine(_root.Path, $"store-{++_stores}") };
        return new WithoutCreateMany(await SqliteJobStore.OpenAsync(options, bus));
    }

    public void Dispose() => _root.Dispose();

    private sealed class WithoutCreateMany(IJobStore inner) : IJobStore
    {
        public ValueTask<JobRecord> CreateAsync(NewJob job, CancellationToken cancellationToken = default) => inner.CreateAsync(job, cancellationToken);
        public ValueTask<IReadOnlyList<JobRecord>> ClaimAsync(JobClaim claim, CancellationToken cancellationToken = default) => inner.ClaimAsync(claim, cancellationToken);
        public ValueTask<LeaseRenewal> RenewLeasesAsync(string nodeId, IReadOnlyCollection<string> jobIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
            inner.RenewLeasesAsync(nodeId, jobIds, leaseUntil, cancellationToken);
        public ValueTask<CancelOutcome> RequestCancelAsync(string jobId, CancellationInfo cancellation, CancellationToken cancellationToken = default) =>
            inner.RequestCancelAsync(jobId, cancellation, cancellationToken);
        public ValueTask<bool> FinishAsync(JobFinish finish, CancellationToken cancellationToken = default) => inner.FinishAsync(finish, cancellationToken);
        public ValueTask AppendAsync(IReadOnlyList<NewJobEvent> events, CancellationToken cancellationToken = default) => inner.AppendAsync(events, cancellationToken);
        public ValueTask SaveProgressAsync(string jobId, JobProgress progress, DateTimeOffset time, CancellationToken cancellationToken = default) =>
            inner.SaveProgressAsync(jobId, progress, time, cancellationToken);
        public ValueTask SavePartialResultsAsync(string jobId, PartialResults partial, DateTimeOffset time, CancellationToken cancellationToken = default) =>
            inner.SavePartialResultsAsync(jobId, partial, time, cancellationToken);
        public ValueTask<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);
        public ValueTask<PartialResults?> GetPartialResultsAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetPartialResultsAsync(jobId, cancellationToken);
        public ValueTask<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
        public ValueTask<IReadOnlyList<JobEvent>> ReadEventsAsync(string jobId, long afterSeq, int limit = 1000, CancellationToken cancellationToken = default) =>
            inner.ReadEventsAsync(jobId, afterSeq, limit, cancellationToken);
        public ValueTask<IReadOnlyList<string>> GetPendingDependentsAsync(string jobId, CancellationToken cancellationToken = default) =>
            inner.GetPendingDependentsAsync(jobId, cancellationToken);
        public ValueTask<IReadOnlyList<JobRecord>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
            inner.GetExpiredLeasesAsync(now, cancellationToken);
        public ValueTask<bool> RequeueAsync(string jobId, string reason, DateTimeOffset time, CancellationToken cancellationToken = default) =>
            inner.RequeueAsync(jobId, reason, time, cancellationToken);
        public ValueTask<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default) =>
            inner.PurgeFinishedAsync(finishedBefore, cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

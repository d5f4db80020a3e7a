using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage.Sqlite.Connections;
using Quell.Storage.Sqlite.Operations;
using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite;

/// <summary>
/// The embedded job store: one SQLite file in WAL mode, written by a single batching writer and read through
/// pooled connections. One process owns a data directory at a time (an OS lock on <c>quell.db.lock</c>), so
/// jobs found running at open belong to a dead process and are reported by
/// <see cref="GetExpiredLeasesAsync"/> at once.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    private readonly SqliteStoreResources _resources;
    private readonly SqliteWriter? _writer;
    private readonly SqliteJobReader _reader;
    private int _disposed;

    private SqliteJobStore(SqliteStoreResources resources)
    {
        _resources = resources;
        _writer = resources.Writer;
        _reader = new SqliteJobReader(resources.Connections);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _resources.Connections.DatabasePath;

    /// <summary>
    /// Opens (creating and migrating when needed) the store in <see cref="SqliteJobStoreOptions.DataDirectory"/>.
    /// Throws <see cref="InvalidOperationException"/> when another process has the directory open.
    /// </summary>
    /// <param name="options">Where the file lives and how the writer batches.</param>
    /// <param name="bus">Receives every committed event, in sequence order.</param>
    /// <param name="timeProvider">Paces background WAL checkpoints; operations carry their own times.</param>
    /// <param name="logger">Logs opening, recovery and write failures.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    public static Task<SqliteJobStore> OpenAsync(
        SqliteJobStoreOptions options, IJobEventBus bus, TimeProvider? timeProvider = null,
        ILogger<SqliteJobStore>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Opening is a few synchronous file operations; Microsoft.Data.Sqlite has no truly asynchronous I/O.
            var resources = SqliteStoreResources.Open(
                options, bus, timeProvider ?? TimeProvider.System, logger ?? (ILogger)NullLogger<SqliteJobStore>.Instance);
            return Task.FromResult(new SqliteJobStore(resources));
        }
        catch (Exception ex)
        {
            return Task.FromException<SqliteJobStore>(ex);
        }
    }

    /// <inheritdoc />
    public ValueTask<JobRecord> CreateAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Enqueue(new CreateJobOperation(job, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>One write operation: all the jobs commit in one transaction.</remarks>
    public ValueTask<IReadOnlyList<JobRecord?>> CreateManyAsync(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var job in jobs) ArgumentNullException.ThrowIfNull(job, nameof(jobs));
        if (jobs.Count == 0)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult<IReadOnlyList<JobRecord?>>([]);
        }
        return Enqueue(new CreateJobsOperation(jobs, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JobRecord>> ClaimAsync(JobClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.MaxJobs <= 0 || claim.JobTypes.Count == 0)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult<IReadOnlyList<JobRecord>>([]);
        }
        return Enqueue(new ClaimJobsOperation(claim, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<LeaseRenewal> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<string> jobIds, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(jobIds);
        if (jobIds.Count == 0)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(LeaseRenewal.None);
        }
        return Enqueue(new RenewLeasesOperation(nodeId, jobIds, leaseUntil, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<CancelOutcome> RequestCancelAsync(
        string jobId, CancellationInfo cancellation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(cancellation);
        return Enqueue(new RequestCancelOperation(jobId, cancellation, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<bool> FinishAsync(JobFinish finish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (!finish.Status.IsTerminal())
        {
            throw new ArgumentException($"A job finishes as completed, failed or cancelled, not {finish.Status.ToWireName()}.", nameof(finish));
        }
        return Enqueue(new FinishJobOperation(finish, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<NewJobEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        await Enqueue(new AppendEventsOperation([.. events], cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveProgressAsync(
        string jobId, JobProgress progress, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(progress);
        var operation = SaveJobDocumentOperation.Progress(
            jobId, System.Text.Json.JsonSerializer.Serialize(progress, QuellJson.Progress), time,
            JobEventData.Progress(progress), cancellationToken);
        await Enqueue(operation).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SavePartialResultsAsync(
        string jobId, PartialResults partial, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(partial);
        var operation = SaveJobDocumentOperation.PartialResults(
            jobId, System.Text.Json.JsonSerializer.Serialize(partial, QuellJson.PartialResults), time,
            JobEventData.Partial(partial), cancellationToken);
        await Enqueue(operation).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ThrowIfDisposed();
        return _reader.GetAsync(jobId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<PartialResults?> GetPartialResultsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ThrowIfDisposed();
        return _reader.GetPartialResultsAsync(jobId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ThrowIfDisposed();
        return _reader.ListAsync(query, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JobEvent>> ReadEventsAsync(
        string jobId, long afterSeq, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ThrowIfDisposed();
        return _reader.ReadEventsAsync(jobId, afterSeq, limit, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetPendingDependentsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ThrowIfDisposed();
        return _reader.GetPendingDependentsAsync(jobId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JobRecord>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _reader.GetExpiredLeasesAsync(now, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> RequeueAsync(string jobId, string reason, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(reason);
        return Enqueue(new RequeueJobOperation(jobId, reason, time, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default) =>
        Enqueue(new PurgeFinishedOperation(finishedBefore, cancellationToken));

    /// <summary>Finishes the queued writes, closes every connection and releases the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _resources.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs any write operation through the single writer (tests use it to inject failures).</summary>
    internal ValueTask<T> Enqueue<T>(WriteOperation<T> operation)
    {
        ThrowIfDisposed();
        operation.CancellationToken.ThrowIfCancellationRequested();
        if (_writer is null) throw new InvalidOperationException("This Quell store was opened read-only; it cannot write.");
        return new ValueTask<T>(_writer.EnqueueAsync(operation));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage.Postgres.Connections;
using Quell.Storage.Postgres.Notifications;
using Quell.Storage.Postgres.Operations;
using Quell.Storage.Postgres.Reading;
using Quell.Storage.Postgres.Schema;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres;

/// <summary>
/// The job store on PostgreSQL, shared by any number of nodes. Each node writes through one batching writer whose
/// transactions lock the head of the event log first, so the commits of all nodes are ordered and sequence numbers
/// become visible in order; reads go through the pooled connections of one <see cref="NpgsqlDataSource"/>. Unlike
/// the SQLite store, nothing is assumed dead at open: other nodes may be running, and a job is resolved by recovery
/// only once its lease ran out.
/// </summary>
public sealed class PostgresJobStore : IJobStore, IJobStoreSignals
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventPublisher _publisher;
    private readonly EventFollower _follower;
    private readonly PostgresWriter _writer;
    private readonly PostgresJobReader _reader;
    private int _disposed;

    private PostgresJobStore(NpgsqlDataSource dataSource, EventPublisher publisher, EventFollower follower, PostgresWriter writer)
    {
        _dataSource = dataSource;
        _publisher = publisher;
        _follower = follower;
        _writer = writer;
        _reader = new PostgresJobReader(dataSource);
    }

    /// <summary>The channel this store's nodes notify and listen on: the schema's name and <c>_events</c>.</summary>
    public string Channel { get; private init; } = "";

    /// <summary>How many times the listening connection was established (more than once: it was lost and replaced).</summary>
    internal int ListenerConnections => _follower.Connections;

    /// <summary>The listening connection's <c>application_name</c> (the pool's, <c>quell</c> by default, and <c>-listener</c>).</summary>
    internal string ListenerApplicationName => _follower.ApplicationName;

    /// <summary>
    /// Opens the store: connects, creates the schema or migrates it (under an advisory lock, so nodes that start at
    /// once are safe), and starts this node's writer.
    /// </summary>
    /// <param name="options">The connection string, schema and batch size.</param>
    /// <param name="bus">Receives every event this node commits, in sequence order.</param>
    /// <param name="logger">Logs opening and write failures.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    public static async Task<PostgresJobStore> OpenAsync(
        PostgresJobStoreOptions options, IJobEventBus bus, ILogger<PostgresJobStore>? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.Schema, PostgresJobStoreOptions.SchemaPattern))
        {
            throw new ArgumentException(
                $"The Quell schema name '{options.Schema}' must be at most 56 lower-case letters, digits and underscores.", nameof(options));
        }
        var log = logger ?? (ILogger)NullLogger<PostgresJobStore>.Instance;
        var dataSource = PostgresDataSourceFactory.Create(options);
        try
        {
            long head;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                var from = await SchemaMigrator.MigrateAsync(connection, options.Schema, PostgresMigrations.Steps, cancellationToken)
                    .ConfigureAwait(false);
                PostgresJobStoreLog.Opened(log, connection.Database, options.Schema, from, PostgresMigrations.Steps.Count);
                await using var read = new NpgsqlCommand("SELECT last_seq FROM event_log_head", connection);
                head = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            var channel = options.Schema + "_events";
            var sender = Guid.NewGuid().ToString("N"); // this open store's name in its notifications
            var publisher = new EventPublisher(dataSource, bus, log, head);
            var follower = new EventFollower(dataSource, channel, sender, publisher, log);
            var writer = new PostgresWriter(dataSource, channel, sender, publisher, options.MaxBatchSize, log);
            return new PostgresJobStore(dataSource, publisher, follower, writer) { Channel = channel };
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<JobRecord> CreateAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Enqueue(new CreateJobOperation(job, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<JobRecord?>> CreateManyAsync(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0) return ValueTask.FromResult<IReadOnlyList<JobRecord?>>([]);
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

    /// <inheritdoc />
    public IDisposable Listen(Action workAvailable, Action<string, CancellationInfo> cancelRequested)
    {
        ArgumentNullException.ThrowIfNull(workAvailable);
        ArgumentNullException.ThrowIfNull(cancelRequested);
        ThrowIfDisposed();
        return _publisher.Listen(workAvailable, cancelRequested);
    }

    /// <summary>Finishes the queued writes, stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _follower.DisposeAsync().ConfigureAwait(false);
        _publisher.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs any write operation through this node's writer (tests use it to inject failures).</summary>
    internal ValueTask<T> Enqueue<T>(WriteOperation<T> operation)
    {
        ThrowIfDisposed();
        operation.CancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<T>(_writer.EnqueueAsync(operation));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}

using System.Data;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quell.Storage.Postgres.Notifications;

namespace Quell.Storage.Postgres.Writing;

/// <summary>
/// The node's one writer: drains queued operations in batches and runs each batch in one transaction that first
/// locks the <c>event_log_head</c> row. Batches of all nodes therefore commit one after another, in sequence-number
/// order; after each commit the writer hands the batch's events to the <see cref="EventPublisher"/> and completes
/// the callers. A broken connection fails the batch it broke and is replaced for the next one.
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const string LockHead = "SELECT last_seq FROM event_log_head FOR UPDATE";

    private readonly Channel<WriteOperation> _queue =
        Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;
    private readonly WriteContext _context;
    private readonly EventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public PostgresWriter(NpgsqlDataSource dataSource, string channel, EventPublisher publisher, int maxBatchSize, ILogger logger)
    {
        _context = new WriteContext(channel);
        _dataSource = dataSource;
        _publisher = publisher;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues an operation; the task completes once it committed (or failed alone).</summary>
    public Task<T> EnqueueAsync<T>(WriteOperation<T> operation)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(operation), typeof(PostgresJobStore));
        return operation.Task;
    }

    /// <summary>Stops accepting operations, finishes the queued ones, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 1024));
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested) operation.Cancel();
                else batch.Add(operation);
            }
            if (batch.Count > 0) await ProcessBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task ProcessBatchAsync(List<WriteOperation> batch)
    {
        try
        {
            var connection = await ConnectionAsync().ConfigureAwait(false);
            while (!await TryRunBatchAsync(connection, batch).ConfigureAwait(false))
            {
                // An operation failed after writing (or its statement aborted the transaction): it was rolled back
                // and removed; replay the others.
            }
        }
        catch (Exception ex)
        {
            // BEGIN, the head lock, the event insert or COMMIT failed: nothing of this batch is known to be durable.
            PostgresJobStoreLog.BatchFailed(_logger, batch.Count, ex);
            await DropConnectionIfBrokenAsync().ConfigureAwait(false);
            foreach (var operation in batch) operation.Fail(ex);
            return;
        }
        try
        {
            await _publisher.PublishCommittedAsync(_context.Events).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Committed all the same: the callers succeed, and the follower publishes what was not.
            PostgresJobStoreLog.PublishFailed(_logger, _context.Events.Count, ex);
        }
        foreach (var operation in batch) operation.Complete();
    }

    private async Task<bool> TryRunBatchAsync(NpgsqlConnection connection, List<WriteOperation> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted).ConfigureAwait(false);
        long lastSeq;
        await using (var head = new NpgsqlCommand(LockHead, connection, transaction))
        {
            lastSeq = (long)(await head.ExecuteScalarAsync().ConfigureAwait(false))!;
        }
        _context.BeginBatch(connection, transaction, lastSeq);
        for (var i = 0; i < batch.Count; i++)
        {
            var operation = batch[i];
            _context.BeginOperation();
            try
            {
                await operation.ExecuteAsync(_context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                batch.RemoveAt(i);
                operation.Fail(ex);
                // A failed statement aborts a PostgreSQL transaction; a failure in C# before any write does not.
                if (_context.OperationWrites == 0 && ex is not NpgsqlException)
                {
                    i--;
                    continue;
                }
                await transaction.RollbackAsync().ConfigureAwait(false);
                return false;
            }
        }
        await _context.FlushEventsAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return true;
    }

    private async ValueTask<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: ConnectionState.Open }) return _connection;
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
        _connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return _connection;
    }

    private async Task DropConnectionIfBrokenAsync()
    {
        if (_connection is null) return;
        // After a failed COMMIT or a lost server the connection is closed or broken; a healthy one is kept (its
        // transaction was rolled back when the failing `await using` disposed it).
        if (_connection.FullState.HasFlag(ConnectionState.Broken) || _connection.State != ConnectionState.Open)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
            // What broke this one (a restarted server, a cut network, pg_terminate_backend) most likely broke the idle
            // ones in the pool too: the next batch, and the next reads, get new connections rather than dead ones.
            _dataSource.Clear();
        }
    }
}

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
/// <para>
/// Round trips: consecutive <see cref="PipelinedWriteOperation{T}"/>s (creates, claims, finishes, renewals,
/// progress, log lines) send their statements together in one <see cref="NpgsqlBatch"/>, the first one led by
/// <c>BEGIN</c> and the head lock; the events, the head update, <c>pg_notify</c> and <c>COMMIT</c> are one more.
/// A no-op job's create, claim and finish thus cost the node two round trips per batch, not one per operation.
/// Other operations (a cancel reads before it writes) run one at a time between those groups. When anything in
/// a group fails, the transaction is rolled back and the batch replayed one operation at a time, where a failure
/// is pinned on its own operation as before.
/// </para>
/// </summary>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const string Begin = "BEGIN ISOLATION LEVEL READ COMMITTED";
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

    public PostgresWriter(
        NpgsqlDataSource dataSource, string channel, string sender, EventPublisher publisher, int maxBatchSize, ILogger logger)
    {
        _context = new WriteContext(channel, sender);
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
            var pipelined = true;
            while (!await TryRunBatchAsync(connection, batch, pipelined).ConfigureAwait(false))
            {
                // Something failed after writing (or its statement aborted the transaction): it was rolled back.
                // A failure in a group may belong to any of its operations: replay one at a time, which removes only
                // the one that fails.
                pipelined = false;
            }
        }
        catch (Exception ex)
        {
            // BEGIN, the head lock, the event insert or COMMIT failed: nothing of this batch is known to be durable.
            PostgresJobStoreLog.BatchFailed(_logger, batch.Count, ex);
            await RollbackQuietlyAsync().ConfigureAwait(false);
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

    private async Task<bool> TryRunBatchAsync(NpgsqlConnection connection, List<WriteOperation> batch, bool pipelined)
    {
        _context.BeginBatch(connection);
        var i = 0;
        while (i < batch.Count)
        {
            var end = i;
            if (pipelined) while (end < batch.Count && batch[end] is IPipelined) end++;
            if (end > i || !_context.IsHeadLocked)
            {
                if (!await TryRunGroupAsync(connection, batch, i, end).ConfigureAwait(false)) return false;
                i = end;
                continue;
            }
            var operation = batch[i];
            _context.BeginOperation();
            try
            {
                await operation.ExecuteAsync(_context).ConfigureAwait(false);
                i++;
            }
            catch (Exception ex)
            {
                batch.RemoveAt(i);
                operation.Fail(ex);
                // A failed statement aborts a PostgreSQL transaction; a failure in C# before any write does not.
                if (_context.OperationWrites == 0 && ex is not NpgsqlException) continue;
                if (connection.State != ConnectionState.Open) throw; // the connection is gone, and the batch with it
                await RollbackAsync(connection).ConfigureAwait(false);
                return false;
            }
        }
        await _context.CommitAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Sends the statements of <c>batch[from..to)</c> in one round trip (led, in a batch's first group, by BEGIN and
    /// the head lock) and hands each operation its results. False when it failed and was rolled back.
    /// </summary>
    private async Task<bool> TryRunGroupAsync(NpgsqlConnection connection, List<WriteOperation> batch, int from, int to)
    {
        var lockHead = !_context.IsHeadLocked;
        try
        {
            await using var group = new NpgsqlBatch(connection);
            if (lockHead)
            {
                group.BatchCommands.Add(new NpgsqlBatchCommand(Begin));
                group.BatchCommands.Add(new NpgsqlBatchCommand(LockHead));
            }
            for (var k = from; k < to; k++) ((IPipelined)batch[k]).AddCommands(group);
            await using var reader = await group.ExecuteReaderAsync().ConfigureAwait(false);
            var results = new BatchResults(reader);
            if (lockHead)
            {
                var head = await results.NextAsync().ConfigureAwait(false);
                await head.ReadAsync().ConfigureAwait(false);
                _context.HeadLocked(head.GetInt64(0));
            }
            for (var k = from; k < to; k++)
            {
                _context.BeginOperation();
                await ((IPipelined)batch[k]).ReadResultsAsync(results, _context).ConfigureAwait(false);
            }
            return true;
        }
        catch (Exception) when (to > from && connection.State == ConnectionState.Open)
        {
            // Rolled back, then replayed one operation at a time: that pins the failure on its operation. (A lost
            // connection instead fails the batch, as a failed BEGIN or COMMIT does.)
            await RollbackAsync(connection).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task RollbackAsync(NpgsqlConnection connection)
    {
        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await rollback.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task RollbackQuietlyAsync()
    {
        if (_connection is not { State: ConnectionState.Open } connection) return;
        try
        {
            await RollbackAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Broken as well: dropped below.
        }
    }

    private async ValueTask<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: ConnectionState.Open }) return _connection;
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
        var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        // No statement of the writer needs a sort, and the claim must not get one: it has to walk the pending index
        // in queue order and stop at its limit. With statistics missing or stale (a young or fast-changing queue
        // table), the planner would rather read and sort the whole backlog (10 ms at 10,000 pending, against 0.1).
        await using (var noSort = new NpgsqlCommand("SET enable_sort = off", connection))
        {
            await noSort.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _connection = connection;
        return _connection;
    }

    private async Task DropConnectionIfBrokenAsync()
    {
        if (_connection is null) return;
        // After a failed COMMIT or a lost server the connection is closed or broken; a healthy one is kept (its
        // transaction was rolled back above).
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

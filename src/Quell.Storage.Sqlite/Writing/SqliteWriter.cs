using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Quell.Events;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// The one writer: drains queued operations in batches, runs each batch in one transaction on its own
/// connection, then publishes the committed events in sequence order and completes the callers.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue =
        Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly PreparedStatements _statements;
    private readonly WriteContext _context;
    private readonly IJobEventBus _bus;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly WalCheckpointer _checkpointer;
    private readonly Task _loop;

    public SqliteWriter(
        SqliteConnection connection, long lastSeq, IJobEventBus bus, int maxBatchSize, WalCheckpointer checkpointer,
        ILogger logger)
    {
        _checkpointer = checkpointer;
        _connection = connection;
        _statements = new PreparedStatements(connection);
        _context = new WriteContext(connection, _statements, lastSeq);
        _bus = bus;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues an operation; the task completes once it committed (or failed alone).</summary>
    public Task<T> EnqueueAsync<T>(WriteOperation<T> operation)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(operation), typeof(SqliteJobStore));
        return operation.Task;
    }

    /// <summary>Stops accepting operations, finishes the queued ones, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        _context.Dispose();
        _statements.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 1024));
        var last = new List<WriteOperation>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count + last.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested) operation.Cancel();
                else (operation.RunsLast ? last : batch).Add(operation);
            }
            batch.AddRange(last);
            if (batch.Count > 0) ProcessBatch(batch);
            batch.Clear();
            last.Clear();
        }
    }

    private void ProcessBatch(List<WriteOperation> batch)
    {
        try
        {
            while (!TryRunBatch(batch))
            {
                // An operation failed after writing: its transaction was rolled back and it was removed; replay.
            }
        }
        catch (Exception ex)
        {
            // BEGIN or COMMIT failed: nothing of this batch is durable.
            SqliteJobStoreLog.BatchFailed(_logger, batch.Count, ex);
            TryRollback();
            foreach (var operation in batch) operation.Fail(ex);
            return;
        }
        Publish(_context.Events);
        foreach (var operation in batch) operation.Complete();
    }

    private bool TryRunBatch(List<WriteOperation> batch)
    {
        _context.BeginBatch();
        Execute("BEGIN IMMEDIATE");
        for (var i = 0; i < batch.Count; i++)
        {
            var operation = batch[i];
            _context.BeginOperation();
            try
            {
                operation.Execute(_context);
            }
            catch (Exception ex)
            {
                batch.RemoveAt(i);
                operation.Fail(ex);
                if (_context.OperationWrites == 0)
                {
                    // A failed statement undoes itself in SQLite, so a failure before any write leaves the
                    // transaction as the previous operations left it: carry on without it.
                    i--;
                    continue;
                }
                Execute("ROLLBACK");
                return false;
            }
        }
        _context.FlushEvents();
        Execute("COMMIT");
        _context.Committed();
        _checkpointer.Committed();
        return true;
    }

    private void Publish(IReadOnlyList<JobEvent> events)
    {
        if (events.Count == 0) return;
        try
        {
            _bus.Publish([.. events]);
        }
        catch (Exception ex)
        {
            // The events are durable; a subscriber's failure must not fail the writers or stop the loop.
            SqliteJobStoreLog.PublishFailed(_logger, events.Count, ex);
        }
    }

    private void TryRollback()
    {
        try
        {
            Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (BEGIN failed, or a failed COMMIT already ended it).
        }
    }

    // Transactions are driven with plain statements (not SqliteTransaction) so the prepared commands need no
    // Transaction property swapped on every batch.
    private void Execute(string sql) => _statements.Get(sql).ExecuteNonQuery();
}

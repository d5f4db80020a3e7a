using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Quell.Storage.Sqlite.Connections;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// Copies the WAL back into the database on its own connection, so the writer never pays for the checkpoint's
/// fsyncs (measured: they cost the writer about half its throughput). PASSIVE never blocks the writer or readers;
/// the writer keeps a large automatic checkpoint as a fallback should this one fall behind.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(SqliteConnectionFactory connections, TimeProvider timeProvider, ILogger logger)
    {
        _connections = connections;
        _timeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Tells the checkpointer the WAL grew. Cheap and non-blocking; called after every commit.</summary>
    public void Committed()
    {
        if (_committed.CurrentCount > 0) return;
        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit signalled first.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _committed.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await using var connection = _connections.OpenCheckpointer();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (true)
            {
                await _committed.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException ex)
                {
                    SqliteJobStoreLog.CheckpointFailed(_logger, ex);
                }
                // At most one checkpoint per interval: each copies everything committed since the last.
                await Task.Delay(Interval, _timeProvider, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed. Closing the last connection checkpoints what is left.
        }
    }
}

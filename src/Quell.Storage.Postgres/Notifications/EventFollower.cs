using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Quell.Storage.Postgres.Notifications;

/// <summary>
/// Listens on the store's channel, which every write transaction of every node notifies as it commits events, and
/// catches the <see cref="EventPublisher"/> up after each notification from another node. The connection is watched: a read every
/// <see cref="SafetyInterval"/> catches up even when no notification came (one lost, or a silent connection), and a
/// connection that fails is replaced, with a catch-up right after the new <c>LISTEN</c>, so whatever committed
/// while nobody listened is published too.
/// </summary>
internal sealed class EventFollower : IAsyncDisposable
{
    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(2);

    /// <summary>What the listening connection's <c>application_name</c> adds to the pool's (<c>quell</c> by default).</summary>
    public const string ApplicationNameSuffix = "-listener";

    // PostgreSQL keeps 63 bytes of application_name (printable ASCII): the suffix must survive.
    private const int MaxApplicationName = 63;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly string _sender;
    private readonly EventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // sender: this node's writer in the notifications, whose own are skipped (NotificationPayload).
    public EventFollower(NpgsqlDataSource dataSource, string channel, string sender, EventPublisher publisher, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _sender = sender;
        _publisher = publisher;
        _logger = logger;
        ApplicationName = ListenerName(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).ApplicationName);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>
    /// The listening connection's <c>application_name</c>: the pool's with <see cref="ApplicationNameSuffix"/>, so a
    /// node given its own <c>Application Name</c> has a listener of its own name in <c>pg_stat_activity</c>.
    /// </summary>
    public string ApplicationName { get; }

    internal static string ListenerName(string? poolName)
    {
        var name = string.IsNullOrEmpty(poolName) ? "quell" : poolName;
        var room = MaxApplicationName - ApplicationNameSuffix.Length;
        return (name.Length > room ? name[..room] : name) + ApplicationNameSuffix;
    }

    /// <summary>How many times the listening connection was (re-)established; tests watch it.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                // Named apart from the pool's connections, for pg_stat_activity (and the tests that terminate it).
                await using (var name = new NpgsqlCommand("SELECT set_config('application_name', @name, false)", connection))
                {
                    name.Parameters.AddWithValue("name", ApplicationName);
                    await name.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }
                Interlocked.Increment(ref _connections);
                if (_connections > 1) PostgresJobStoreLog.Relistening(_logger, _channel);
                backoff = TimeSpan.FromMilliseconds(100);
                // Set by every other node's notification, also one that arrives while a catch-up reads: that read's
                // snapshot may predate the commit it announces, so another read follows at once. This node's own
                // batches are published by its writer; if that ever fails, the safety read below catches up.
                var notified = 0;
                connection.Notification += (_, e) =>
                {
                    if (!NotificationPayload.IsFrom(e.Payload, _sender)) Volatile.Write(ref notified, 1);
                };
                var catchUp = true;
                var lastRead = 0L;
                while (true)
                {
                    if (catchUp)
                    {
                        // Listening already: anything committed before now is read here, anything after notifies.
                        Volatile.Write(ref notified, 0);
                        lastRead = Stopwatch.GetTimestamp();
                        await _publisher.CatchUpAsync(connection, stop).ConfigureAwait(false);
                        if (Volatile.Read(ref notified) == 1) continue;
                    }
                    // Own notifications wake the wait too; the safety read still comes every interval.
                    var left = SafetyInterval - Stopwatch.GetElapsedTime(lastRead);
                    var woken = left > TimeSpan.Zero && await connection.WaitAsync(left, stop).ConfigureAwait(false);
                    catchUp = !woken || Volatile.Read(ref notified) == 1 || Stopwatch.GetElapsedTime(lastRead) >= SafetyInterval;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                PostgresJobStoreLog.ListenerLost(_logger, _channel, backoff, ex);
                _dataSource.Clear(); // idle pooled connections are likely as dead as this one
                try
                {
                    await Task.Delay(backoff, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

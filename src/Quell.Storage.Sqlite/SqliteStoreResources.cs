using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Quell.Events;
using Quell.Storage.Sqlite.Connections;
using Quell.Storage.Sqlite.Schema;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite;

/// <summary>
/// What an open store owns, acquired in order (lock, writer connection, schema, recovery, writer loop) and
/// released in reverse, so a failed open leaves nothing behind.
/// </summary>
internal sealed class SqliteStoreResources : IAsyncDisposable
{
    private readonly DataDirectoryLock _lock;

    private SqliteStoreResources(DataDirectoryLock directoryLock, SqliteConnectionFactory connections, SqliteWriter writer)
    {
        _lock = directoryLock;
        Connections = connections;
        Writer = writer;
    }

    public SqliteConnectionFactory Connections { get; }

    public SqliteWriter Writer { get; }

    public static SqliteStoreResources Open(
        SqliteJobStoreOptions options, IJobEventBus bus, TimeProvider timeProvider, ILogger logger)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        var connections = new SqliteConnectionFactory(Path.Combine(directory, options.FileName), options.WriterCacheKiB);
        var directoryLock = DataDirectoryLock.Acquire(connections.DatabasePath);
        SqliteConnection? connection = null;
        try
        {
            connection = connections.OpenWriter();
            var fromVersion = SchemaMigrator.Migrate(connection, SqliteMigrations.Steps);
            SqliteJobStoreLog.Opened(logger, connections.DatabasePath, fromVersion, SqliteMigrations.Steps.Count);
            var orphans = ExpireOrphanedLeases(connection);
            if (orphans > 0) SqliteJobStoreLog.OrphansFound(logger, orphans);
            var checkpointer = new WalCheckpointer(connections, timeProvider, logger);
            var writer = new SqliteWriter(
                connection, ReadLastSeq(connection), bus, options.MaxBatchSize, checkpointer, logger);
            return new SqliteStoreResources(directoryLock, connections, writer);
        }
        catch
        {
            connection?.Dispose();
            directoryLock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        Connections.ClearReaderPool();
        _lock.Dispose();
    }

    // We hold the directory lock, so no live process holds these leases: expire them for the runtime to resolve.
    private static int ExpireOrphanedLeases(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE jobs SET lease_expires_at = 0 WHERE status IN ('running', 'cancelling')";
        return command.ExecuteNonQuery();
    }

    private static long ReadLastSeq(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                       COALESCE((SELECT MAX(seq) FROM events), 0))
            """;
        return (long)command.ExecuteScalar()!;
    }
}

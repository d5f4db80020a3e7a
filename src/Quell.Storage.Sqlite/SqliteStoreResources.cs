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
    private readonly DataDirectoryLock? _lock;

    private SqliteStoreResources(DataDirectoryLock? directoryLock, SqliteConnectionFactory connections, SqliteWriter? writer)
    {
        _lock = directoryLock;
        Connections = connections;
        Writer = writer;
    }

    public SqliteConnectionFactory Connections { get; }

    /// <summary>The single writer; null when the store was opened read-only.</summary>
    public SqliteWriter? Writer { get; }

    public static SqliteStoreResources Open(
        SqliteJobStoreOptions options, IJobEventBus bus, TimeProvider timeProvider, ILogger logger)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        if (options.ReadOnly) return OpenReadOnly(new SqliteConnectionFactory(Path.Combine(directory, options.FileName)));
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
        if (Writer is not null) await Writer.DisposeAsync().ConfigureAwait(false);
        Connections.ClearReaderPool();
        _lock?.Dispose();
    }

    // Reads go through the pooled read-only connections; the schema must already be the one this code knows.
    private static SqliteStoreResources OpenReadOnly(SqliteConnectionFactory connections)
    {
        if (!File.Exists(connections.DatabasePath))
        {
            throw new InvalidOperationException($"There is no Quell store at {connections.DatabasePath}.");
        }
        using var connection = new SqliteConnection(connections.ReaderConnectionString);
        connection.Open();
        var version = SchemaMigrator.ReadVersion(connection);
        if (version != SqliteMigrations.Steps.Count)
        {
            throw new InvalidOperationException(
                $"The store at {connections.DatabasePath} has schema version {version}; this Quell reads version " +
                $"{SqliteMigrations.Steps.Count}. Open it once read-write (quell serve) to migrate it.");
        }
        return new SqliteStoreResources(null, connections, null);
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
            SELECT MAX(COALESCE((SELECT value FROM store_meta WHERE key = 'events_high_water'), 0),
                       COALESCE((SELECT MAX(seq) FROM events), 0))
            """;
        return (long)command.ExecuteScalar()!;
    }
}

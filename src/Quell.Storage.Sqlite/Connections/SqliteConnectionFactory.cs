using Microsoft.Data.Sqlite;

namespace Quell.Storage.Sqlite.Connections;

/// <summary>Connection strings and per-connection settings for the one writer and the pooled readers.</summary>
internal sealed class SqliteConnectionFactory
{
    private const int BusyTimeoutSeconds = 30;

    private readonly int _writerCacheKiB;

    public SqliteConnectionFactory(string databasePath, int writerCacheKiB = 4096)
    {
        DatabasePath = databasePath;
        _writerCacheKiB = writerCacheKiB;
        WriterConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the writer lives as long as the store; closing it must really close the file.
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        ReaderConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string DatabasePath { get; }

    public string WriterConnectionString { get; }

    public string ReaderConnectionString { get; }

    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(WriterConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers run while the writer writes; NORMAL syncs at checkpoints, which in WAL mode still
        // survives a process crash (a power loss may lose the last commits, never corrupt the file).
        // Checkpoints run on another connection (WalCheckpointer); the high automatic threshold is only a fallback.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -{_writerCacheKiB};
            PRAGMA journal_size_limit = 67108864;
            PRAGMA wal_autocheckpoint = 20000;
            """;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A connection for <see cref="Writing.WalCheckpointer"/>; it never writes rows.</summary>
    public SqliteConnection OpenCheckpointer()
    {
        var connection = new SqliteConnection(WriterConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ReaderConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Closes idle pooled readers so the files are released at dispose.</summary>
    public void ClearReaderPool()
    {
        using var connection = new SqliteConnection(ReaderConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}

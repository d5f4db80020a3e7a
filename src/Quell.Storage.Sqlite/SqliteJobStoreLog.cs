using Microsoft.Extensions.Logging;

namespace Quell.Storage.Sqlite;

/// <summary>The store's log lines.</summary>
internal static partial class SqliteJobStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Opened the Quell SQLite store {DatabasePath} (schema version {FromVersion} -> {ToVersion})")]
    public static partial void Opened(ILogger logger, string databasePath, int fromVersion, int toVersion);

    [LoggerMessage(2, LogLevel.Warning, "Found {Count} jobs left running by a previous process; their leases were expired for recovery")]
    public static partial void OrphansFound(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Error, "A write batch of {Count} operations failed to commit")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Publishing {Count} committed events failed")]
    public static partial void PublishFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "A WAL checkpoint failed; the next commit retries it")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}

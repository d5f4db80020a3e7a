using Microsoft.Extensions.Logging;

namespace Quell.Storage.Postgres;

/// <summary>The store's log lines.</summary>
internal static partial class PostgresJobStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Opened the Quell PostgreSQL store {Database}, schema {Schema} (schema version {FromVersion} -> {ToVersion})")]
    public static partial void Opened(ILogger logger, string database, string schema, int fromVersion, int toVersion);

    [LoggerMessage(3, LogLevel.Error, "A write batch of {Count} operations failed to commit")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Publishing {Count} committed events failed")]
    public static partial void PublishFailed(ILogger logger, int count, Exception exception);
}

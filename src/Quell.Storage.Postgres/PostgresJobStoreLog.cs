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

    [LoggerMessage(5, LogLevel.Warning, "Reading other nodes' events failed; the follower publishes them and this node's with them")]
    public static partial void CatchUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "A store signal listener failed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "The connection listening on {Channel} failed; reconnecting in {Delay}")]
    public static partial void ListenerLost(ILogger logger, string channel, TimeSpan delay, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Listening on {Channel} again; catching up from the event log")]
    public static partial void Relistening(ILogger logger, string channel);
}

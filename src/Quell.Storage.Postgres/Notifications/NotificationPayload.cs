using System.Globalization;

namespace Quell.Storage.Postgres.Notifications;

/// <summary>
/// What a batch's <c>pg_notify</c> says: which writer committed (a name unique to one open store) and the last
/// sequence number it wrote. A follower skips its own writer's notifications: that writer publishes its events
/// from memory right after the commit, and reading them back would cost a round trip and a parse per batch.
/// </summary>
internal static class NotificationPayload
{
    public static string Of(string sender, long lastSeq) =>
        sender + ":" + lastSeq.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="payload"/> came from <paramref name="sender"/>.</summary>
    public static bool IsFrom(string payload, string sender) =>
        payload.Length > sender.Length && payload[sender.Length] == ':' && payload.StartsWith(sender, StringComparison.Ordinal);
}

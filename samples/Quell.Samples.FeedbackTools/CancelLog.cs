using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Samples.FeedbackTools;

/// <summary>
/// Records the <c>notifications/cancelled</c> a tool obeyed, one JSON line each: <c>{time, tool, requestId, reason}</c>.
/// The SDK cancels a tool's token on the notification but does not pass its reason on, so an incoming message
/// filter notes the reason by request id first; the tool writes the line when its token fires.
/// </summary>
internal sealed class CancelLog(string? path)
{
    private readonly ConcurrentDictionary<string, string?> _notified = new(StringComparer.Ordinal);
    private readonly Lock _write = new();

    /// <summary>The incoming filter that notes each cancel notification before the SDK acts on it.</summary>
    public McpMessageHandler Filter(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcNotification { Method: NotificationMethods.CancelledNotification, Params: { } raw })
        {
            try
            {
                if (raw.Deserialize<CancelledNotificationParams>(ModelContextProtocol.McpJsonUtilities.DefaultOptions) is { } cancelled)
                {
                    _notified[cancelled.RequestId.ToString()] = cancelled.Reason;
                }
            }
            catch (JsonException)
            {
                // Invalid cancellation notifications are ignored, as the specification says.
            }
        }
        await next(context, cancellationToken).ConfigureAwait(false);
    };

    /// <summary>Appends the line for <paramref name="requestId"/> when a cancel notification named it; else does nothing.</summary>
    public void RecordIfNotified(string tool, RequestId requestId)
    {
        if (!_notified.TryRemove(requestId.ToString(), out var reason) || path is null) return;
        var line = JsonSerializer.Serialize(new CancelLogEntry(DateTimeOffset.UtcNow, tool, requestId.ToString(), reason), FeedbackJson.Options);
        // One line per append, never two interleaved: tools of one server can be cancelled at once.
        lock (_write)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.AppendAllText(path, line + "\n");
        }
    }
}

/// <summary>One line of the cancel log.</summary>
internal sealed record CancelLogEntry(DateTimeOffset Time, string Tool, string RequestId, string? Reason);

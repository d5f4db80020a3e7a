using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

// Logging is part of revision 2025-11-25, which Quell serves; the SDK marks it obsolete for the later 2026-07-28 draft.
#pragma warning disable MCP9005

/// <summary>
/// Tells a client that enabled logging (<c>logging/setLevel</c>) why the job of a request it cancelled stopped: a
/// <c>notifications/message</c> at level <c>notice</c> from logger <c>quell</c>. Clients that did not enable logging,
/// or asked only for warnings and worse, get nothing.
/// </summary>
internal static class CancelLogNotification
{
    public const string LoggerName = "quell";

    public const LoggingLevel Level = LoggingLevel.Notice;

    /// <summary>A bound on the send: the client may be gone, and the runner should not wait on it for long.</summary>
    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(5);

    /// <summary>True when the client asked for notices; the caller need not work out how the job ended otherwise.</summary>
    public static bool IsWanted(McpServer session) => session.LoggingLevel is { } enabled && enabled <= Level;

    public static async Task SendAsync(McpServer session, RequestId requestId, CallJobEnd end, string message)
    {
        if (!IsWanted(session)) return;
        var (jobId, status, reason) = end;
        var data = new JsonObject
        {
            ["text"] = $"Request {requestId} was cancelled by the client; job {jobId} is {status.ToWireName()} ({reason.ToWireName()}: {message}).",
            ["requestId"] = JsonSerializer.SerializeToNode(requestId, McpJsonUtilities.DefaultOptions),
            ["jobId"] = jobId,
            ["status"] = status.ToWireName(),
            ["reason"] = reason.ToWireName(),
            ["message"] = message,
        };
        var parameters = new LoggingMessageNotificationParams
        {
            Level = Level,
            Logger = LoggerName,
            Data = JsonSerializer.SerializeToElement(data),
        };
        using var limit = new CancellationTokenSource(SendLimit);
        try
        {
            await session.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, parameters,
                McpJsonUtilities.DefaultOptions, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The client went away or stopped reading; the cancel itself is recorded and logged on the server.
        }
    }
}

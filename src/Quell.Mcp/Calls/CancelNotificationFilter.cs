using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Calls;

/// <summary>
/// An incoming message filter that reads <c>notifications/cancelled</c> before the SDK acts on it. The SDK cancels
/// the request's token but does not pass the client's <c>reason</c> to the tool, so the reason is left with the
/// call here first; the tool finds it when its token fires.
/// </summary>
internal static class CancelNotificationFilter
{
    public static McpMessageHandler Create(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcNotification { Method: NotificationMethods.CancelledNotification } notification &&
            TryRead(notification, out var requestId, out var reason))
        {
            context.Services?.GetService<McpCallRegistry>()?.NoteCancelNotification(context.Server, requestId, reason);
        }
        await next(context, cancellationToken).ConfigureAwait(false);
    };

    private static bool TryRead(JsonRpcNotification notification, out RequestId requestId, out string? reason)
    {
        requestId = default;
        reason = null;
        if (notification.Params is null) return false;
        try
        {
            var parameters = notification.Params.Deserialize<CancelledNotificationParams>(ModelContextProtocol.McpJsonUtilities.DefaultOptions);
            if (parameters is null) return false;
            requestId = parameters.RequestId;
            reason = parameters.Reason;
            return true;
        }
        catch (JsonException)
        {
            // "Invalid cancellation notifications SHOULD be ignored" (basic/utilities/cancellation).
            return false;
        }
    }
}

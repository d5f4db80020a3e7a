using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Mcp.Tools;

namespace Quell.Mcp.Calls;

/// <summary>
/// An incoming message filter that acts on <c>notifications/cancelled</c> before the SDK does: it cancels the call
/// the notification names with the client's <c>reason</c> (the SDK would not pass the reason to the tool) and holds
/// back its response. Over stdio the SDK then also cancels the request's token, which changes nothing more; over
/// stateful Streamable HTTP the SDK (2.3.1) never does, so this is what stops the job there.
/// </summary>
internal static class CancelNotificationFilter
{
    public static McpMessageHandler Create(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcNotification { Method: NotificationMethods.CancelledNotification } notification &&
            TryRead(notification, out var requestId, out var reason))
        {
            context.Services?.GetService<McpCallRegistry>()?.NoteCancelNotification(context.Server, requestId, McpCaller.Owner(context), reason);
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

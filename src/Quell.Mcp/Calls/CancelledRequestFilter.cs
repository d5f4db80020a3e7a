using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Calls;

/// <summary>
/// An incoming message filter around every request: when the SDK cancelled the request's token (the client's
/// <c>notifications/cancelled</c> reached the session), the SDK sends no response, which over Streamable HTTP would
/// leave the POST that carried the request open until the session ends. This ends it. That happens whatever the
/// timing: before a tool started, while it ran, or after it returned and before the SDK sent its result.
/// </summary>
internal static class CancelledRequestFilter
{
    public static McpMessageHandler Create(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest request)
        {
            await next(context, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await PostStream.EndAsync(request).ConfigureAwait(false);
            throw;
        }
    };
}

using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Calls;

/// <summary>
/// An outgoing message filter that drops the response (result or error) to a request the client cancelled while it
/// ran: "receivers of a cancellation notification SHOULD NOT send a response for the cancelled request"
/// (basic/utilities/cancellation). The SDK sends none when its own token fired (stdio); over stateful Streamable
/// HTTP it would, so this holds it back. A response that left before the cancel arrived is not touched.
/// </summary>
internal static class ResponseSuppressionFilter
{
    public static McpMessageHandler Create(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcResponse or JsonRpcError &&
            context.JsonRpcMessage is JsonRpcMessageWithId { Id: var id } message &&
            (context.Services ?? context.Server.Services)?.GetService<McpCallRegistry>() is { } calls &&
            calls.TryTakeSuppressedResponse(context.Server, id))
        {
            await PostStream.EndAsync(message).ConfigureAwait(false);
            return;
        }
        await next(context, cancellationToken).ConfigureAwait(false);
    };
}

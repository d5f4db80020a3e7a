using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Calls;

/// <summary>
/// Ends the event stream of the HTTP POST that carried a request, without a response. Over Streamable HTTP the SDK
/// ends that stream when it sends the response; a cancelled request gets none, so the stream would stay open until
/// the session ends.
/// </summary>
internal static class PostStream
{
    /// <summary>
    /// Ends the POST stream <paramref name="message"/> (the request, or its response) belongs to. Does nothing outside
    /// an HTTP session: only those have an id and a per-request transport (stdio's must never be closed).
    /// </summary>
    public static async Task EndAsync(McpServer session, JsonRpcMessage message)
    {
        if (session.SessionId is null || message.Context?.RelatedTransport is not { } postStream) return;
        try
        {
            await postStream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client already closed it.
        }
    }
}

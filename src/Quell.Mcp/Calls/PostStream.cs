using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Calls;

/// <summary>
/// Ends the event stream of the HTTP POST that carried a request, without a response. Over Streamable HTTP the SDK
/// ends that stream when it sends the response; a cancelled request gets none, so the stream would stay open until
/// the session ends.
/// </summary>
internal static class PostStream
{
    // The SDK's per-POST transport is internal. Matching its name keeps this from ever closing another transport (stdio's
    // is the session itself); if a later SDK renames it, cancelled requests merely keep their stream until the session ends.
    private const string PostTransportTypeName = "StreamableHttpPostTransport";

    /// <summary>Ends the POST stream <paramref name="message"/> (the request, or its response) belongs to, if it has one.</summary>
    public static async Task EndAsync(JsonRpcMessage message)
    {
        if (message.Context?.RelatedTransport is not { } postStream || postStream.GetType().Name != PostTransportTypeName) return;
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

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Quell.Workflows.Agui;

namespace Quell.Server.Agui;

/// <summary>An HTTP response carrying an AG-UI event stream.</summary>
internal static class AguiResponse
{
    /// <summary>
    /// Prepares the response (status 200, <c>text/event-stream</c>, no caching, no response buffering) and returns a
    /// writer for its body.
    /// </summary>
    public static AguiSseWriter Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = AguiSseWriter.ContentType;
        response.Headers.CacheControl = "no-cache";
        // Tells proxies such as nginx not to hold frames back.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return new AguiSseWriter(response.Body);
    }
}

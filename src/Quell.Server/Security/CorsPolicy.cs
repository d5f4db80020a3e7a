using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Quell.Server.Security;

/// <summary>
/// CORS for the origins in <c>Quell:AllowedOrigins</c> only: with none configured the middleware is not even added,
/// so no response carries <c>Access-Control-Allow-Origin</c>.
/// </summary>
internal static class CorsPolicy
{
    public static void Configure(CorsPolicyBuilder policy, IEnumerable<string> origins) => policy
        .WithOrigins([.. origins])
        .WithMethods("GET", "POST", "PUT", "DELETE")
        // API keys, JSON bodies, resumed streams and MCP sessions.
        .WithHeaders(HeaderNames.Authorization, "X-Api-Key", HeaderNames.ContentType, HeaderNames.Accept,
            "Last-Event-ID", "Mcp-Session-Id", "Mcp-Protocol-Version")
        .WithExposedHeaders(HeaderNames.Location, HeaderNames.RetryAfter, "Mcp-Session-Id");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quell.Server.Jobs;

namespace Quell.Server.Hosting;

/// <summary>The middleware pipeline and routes.</summary>
internal static class QuellServerApplicationExtensions
{
    public static WebApplication UseQuellServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Bare status codes (unknown route, wrong method) become problem details too.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapGroup("/api").RequireAuthorization().MapJobEndpoints();
        // MCP (Streamable HTTP) behind the same API keys; tool calls act for the key's owner.
        app.MapMcp("/mcp").RequireAuthorization();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quell.Server.Agui;
using Quell.Server.Jobs;
using Quell.Server.Security;
using Microsoft.Extensions.DependencyInjection;
using Quell.Server.Workflows;

namespace Quell.Server.Hosting;

/// <summary>The middleware pipeline and routes.</summary>
internal static class QuellServerApplicationExtensions
{
    public static WebApplication UseQuellServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeaders>();
        // Before anything answers: a foreign Host or Origin learns nothing, not even which routes exist.
        app.UseMiddleware<RequestSourceGuard>();
        if (app.Services.GetRequiredService<QuellServerOptions>().RequestSources.AllowedOrigins.Count > 0) app.UseCors();
        // Bare status codes (unknown route, wrong method) become problem details too.
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        // Prometheus text; behind the API keys when there are keys (counts of every owner's jobs are no one's business).
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization();
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapJobEndpoints();
        api.MapWorkflowEndpoints();
        api.MapRunEndpoints();
        api.MapAguiEndpoints();
        // MCP (Streamable HTTP) behind the same API keys; tool calls act for the key's owner.
        app.MapMcp("/mcp").RequireAuthorization();
        return app;
    }
}

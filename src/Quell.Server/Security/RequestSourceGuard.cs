using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Quell.Server.Security;

/// <summary>
/// Refuses, before routing, authentication or any route runs, a request whose <c>Host</c> is not this server
/// (400: a DNS-rebinding page reaches a loopback server under its own name) or whose <c>Origin</c> is a page that
/// may not call it (403). The MCP transport's security warning makes the Origin check a MUST.
/// </summary>
internal sealed partial class RequestSourceGuard(
    RequestDelegate next, RequestSourcePolicy policy, IProblemDetailsService problems, ILogger<RequestSourceGuard> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!policy.AllowsHost(request.Host))
        {
            LogRefusedHost(log, request.Host.Value ?? "", request.Path);
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Host not allowed",
                $"This server answers only for the host names {string.Join(", ", policy.AllowedHosts)} (any port), " +
                $"not '{request.Host.Value}'. An operator who serves it under another name lists it in Quell:AllowedHosts.");
            return;
        }
        var origin = request.Headers[HeaderNames.Origin];
        if (origin.Count > 0 && !(origin.Count == 1 && policy.AllowsOrigin(origin[0]!, request)))
        {
            LogRefusedOrigin(log, origin.ToString(), request.Path);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed",
                $"Pages from '{origin}' may not call this server; only its own pages and the origins in " +
                "Quell:AllowedOrigins may. Clients outside a browser send no Origin header.");
            return;
        }
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        // A caller that accepts no JSON (a browser navigating) still learns why.
        if (!written) await context.Response.WriteAsync($"{title}: {detail}");
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Refused a request for host '{Host}' to {Path}")]
    private static partial void LogRefusedHost(ILogger logger, string host, string path);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Refused a request from origin '{Origin}' to {Path}")]
    private static partial void LogRefusedOrigin(ILogger logger, string origin, string path);
}

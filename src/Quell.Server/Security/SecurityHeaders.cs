using Microsoft.AspNetCore.Http;

namespace Quell.Server.Security;

/// <summary>
/// Headers every response of a local control plane carries: no MIME sniffing (a JSON body never runs as a script),
/// and a Content-Security-Policy the web page lives under — its own scripts only, never inline, never framed.
/// No inline style either, but for two exact style attributes, allowed by hash: the containers bpmn-js-properties-panel
/// creates (<c>height: 100%</c>, <c>flex: none; height: auto</c>); any other style attribute is still refused.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; " +
        "style-src-attr 'unsafe-hashes' 'sha256-nR5hyLltSjfvi2rqC26RbcredWrJvTaPA1yqPX96jpY=' 'sha256-LIWyuNLBDBQuKJLr4mOx2cFEzHX9lM0BrbfcAAzCvSU='; " +
        "img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // On starting, not now: the exception handler clears headers before it writes its problem document.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}

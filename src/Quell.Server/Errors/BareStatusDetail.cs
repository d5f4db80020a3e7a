using Microsoft.AspNetCore.Http;

namespace Quell.Server.Errors;

/// <summary>
/// A detail for the problem documents that routing and the status-code pages write with nothing but a status (an
/// unknown route, a method a route does not take), so those too tell a caller what to change.
/// </summary>
internal static class BareStatusDetail
{
    public static string For(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"No route matches {context.Request.Method} {context.Request.Path}. The API's routes are listed in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not take {context.Request.Method}. The API's routes are listed in /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => $"This route does not take a body of type '{context.Request.ContentType ?? "none"}'; send application/json.",
        _ => $"The request was refused with status {context.Response.StatusCode}.",
    };
}

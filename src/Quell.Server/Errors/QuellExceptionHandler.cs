using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Quell.Server.Errors;

/// <summary>
/// Turns exceptions into problem details. Request errors keep their status and message; anything else is a 500
/// whose detail is generic: stack traces and exception messages stay in the log.
/// </summary>
internal sealed partial class QuellExceptionHandler(IProblemDetailsService problems, ILogger<QuellExceptionHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Request.Path.StartsWithSegments(McpRequestErrors.Path) &&
            await McpRequestErrors.TryWriteAsync(httpContext, exception, cancellationToken))
        {
            return true;
        }
        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message,
            },
            JsonException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "Malformed JSON",
                Detail = "The request body is not valid JSON.",
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(log, httpContext.Request.Method, httpContext.Request.Path, exception);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "An unexpected error occurred. It was logged with this response's traceId.",
            };
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Quell.Server.Errors;

/// <summary>The problem-details documents the API answers with, each with a sentence a caller can act on.</summary>
internal static class Problems
{
    /// <summary>Seconds a client should wait before submitting again to a stopping server.</summary>
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult JobNotFound(string id) =>
        TypedResults.Problem($"There is no job '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Job not found");

    public static ProblemHttpResult ShuttingDown(HttpContext context)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            "The server is shutting down and accepts no new jobs. Retry shortly, possibly on another node.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Shutting down");
    }

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title, extensions: extensions);
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Cancellation;
using Quell.Server.Errors;
using Quell.Server.Jobs;
using Quell.Server.Serialization;

namespace Quell.Server.Workflows;

/// <summary>
/// Reads the optional <c>{reason?, message?}</c> body of the run and element cancel routes with the job route's
/// rules: the reason defaults to <c>user_requested</c>, an unknown one or an overlong message is a 400.
/// </summary>
internal static class CancelBody
{
    public static async Task<(CancellationReason Reason, string? Message, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, ServerJsonContext.Default.CancelJobRequest, optional: true, cancellationToken);
        if (problem is not null) return (default, null, problem);
        var reason = CancellationReason.UserRequested;
        if (body?.Reason is { } text && !CancellationReasons.TryParse(text, out reason))
        {
            return (default, null, Problems.BadRequest("Invalid cancellation reason",
                $"Unknown reason '{text}'. Use one of: {string.Join(", ", CancellationReasons.WireNames)}."));
        }
        if (body?.Message is { Length: > CancelJob.MaxMessageLength })
        {
            return (default, null, Problems.BadRequest("Message too long", $"'message' may hold at most {CancelJob.MaxMessageLength} characters."));
        }
        return (reason, body?.Message, null);
    }
}

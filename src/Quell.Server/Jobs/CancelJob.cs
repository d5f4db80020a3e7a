using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Serialization;
using Quell.Storage;

namespace Quell.Server.Jobs;

/// <summary>
/// <c>POST /api/jobs/{id}/cancel</c>: 202 while the job stops, 200 when it was cancelled while pending,
/// 409 when it had already finished, 404 when unknown or foreign.
/// </summary>
internal static class CancelJob
{
    public const int MaxMessageLength = 2000;

    public static async Task<Results<Ok<JobDto>, Accepted<JobDto>, ProblemHttpResult>> HandleAsync(
        string id, HttpContext context, ClaimsPrincipal user, IJobService jobs, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(
            context.Request, ServerJsonContext.Default.CancelJobRequest, optional: true, cancellationToken);
        if (problem is not null) return problem;

        var reason = CancellationReason.UserRequested;
        if (body?.Reason is { } text && !CancellationReasons.TryParse(text, out reason))
        {
            return Problems.BadRequest("Invalid cancellation reason",
                $"Unknown reason '{text}'. Use one of: {string.Join(", ", CancellationReasons.WireNames)}.");
        }
        if (body?.Message is { Length: > MaxMessageLength })
        {
            return Problems.BadRequest("Message too long", $"'message' may hold at most {MaxMessageLength} characters.");
        }

        var owner = user.Owner();
        var outcome = await jobs.CancelAsync(id, new CancelRequest(owner, reason, body?.Message, owner), cancellationToken);
        return Map(id, outcome);
    }

    private static Results<Ok<JobDto>, Accepted<JobDto>, ProblemHttpResult> Map(string id, CancelOutcome outcome) =>
        (outcome.Kind, outcome.Job) switch
        {
            (CancelOutcomeKind.NotFound, _) or (_, null) => Problems.JobNotFound(id),
            (CancelOutcomeKind.CancelledWhilePending, var job) => TypedResults.Ok(JobDto.From(job)),
            (CancelOutcomeKind.Cancelling, var job) => TypedResults.Accepted(Location(job), JobDto.From(job)),
            // A repeated request reports the first one while the job is still stopping.
            (CancelOutcomeKind.AlreadyRequested, var job) when !job.Status.IsTerminal() =>
                TypedResults.Accepted(Location(job), JobDto.From(job)),
            (_, var job) => AlreadyFinished(job),
        };

    private static ProblemHttpResult AlreadyFinished(JobRecord job)
    {
        var status = job.Status.ToWireName();
        // "status" is the HTTP status in RFC 9457, so the job's state travels as "jobStatus".
        return Problems.Conflict(
            $"Job already {status}",
            $"Job already {status}: there is nothing left to cancel.",
            new Dictionary<string, object?> { ["jobStatus"] = status, ["jobId"] = job.Id });
    }

    private static string Location(JobRecord job) => $"/api/jobs/{Uri.EscapeDataString(job.Id)}";
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>
/// <c>POST /api/runs/{id}/elements/{elementId}/cancel</c> <c>{reason?, message?}</c>: 202 once the request is durable
/// (or an earlier one stands); 409 with seed 001's words as <c>detail</c> ("Task already completed", "Task is not
/// cancellable") or "not running" for a task that has not started; 404 for an unknown run.
/// </summary>
internal static class CancelElement
{
    public static async Task<Results<Accepted<ElementCancelResultDto>, ProblemHttpResult>> HandleAsync(
        string id, string elementId, HttpContext context, ClaimsPrincipal user, WorkflowRuns runs, Quell.Jobs.IJobService jobs,
        CancellationToken cancellationToken)
    {
        var (reason, message, problem) = await CancelBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null) return problem;
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);

        var outcome = await runs.CancelElementAsync(id, elementId, owner, reason, message, cancellationToken);
        return outcome.Kind switch
        {
            ElementCancelOutcomeKind.Requested => Accepted(id, "requested", outcome),
            ElementCancelOutcomeKind.AlreadyRequested => Accepted(id, "already_requested", outcome),
            ElementCancelOutcomeKind.RunNotFound => WorkflowProblems.RunNotFound(id),
            ElementCancelOutcomeKind.NotRunning => Refused(id, elementId, "Task not running", outcome),
            ElementCancelOutcomeKind.AlreadyCompleted => Refused(id, elementId, ElementCancellation.AlreadyCompletedMessage, outcome),
            ElementCancelOutcomeKind.NotCancellable => Refused(id, elementId, ElementCancellation.NotCancellableMessage, outcome),
            _ => Refused(id, elementId, "Task not cancelled", outcome),
        };
    }

    private static Accepted<ElementCancelResultDto> Accepted(string runId, string kind, ElementCancelOutcome outcome) =>
        TypedResults.Accepted(RunRoutes.Location(runId), new ElementCancelResultDto(kind, outcome.Message, runId, outcome.Element));

    // The detail is the sentence users see; the members say which element and how it stands.
    private static ProblemHttpResult Refused(string runId, string elementId, string title, ElementCancelOutcome outcome) =>
        Problems.Conflict(title, outcome.Message, new Dictionary<string, object?>
        {
            ["runId"] = runId,
            ["elementId"] = elementId,
            ["elementStatus"] = outcome.Element?.Status,
        });
}

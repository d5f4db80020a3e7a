using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Storage;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>
/// <c>POST /api/runs/{id}/cancel</c> <c>{reason?, message?}</c>: the whole run. 202 while its cancellable tasks stop,
/// 200 when it was cancelled before it started, 409 once it has finished, 404 for an unknown run.
/// </summary>
internal static class CancelRun
{
    public static async Task<Results<Ok<RunView>, Accepted<RunView>, ProblemHttpResult>> HandleAsync(
        string id, HttpContext context, ClaimsPrincipal user, WorkflowRuns runs, IJobService jobs, CancellationToken cancellationToken)
    {
        var (reason, message, problem) = await CancelBody.ReadAsync(context.Request, cancellationToken);
        if (problem is not null) return problem;
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);

        var outcome = await runs.CancelRunAsync(id, owner, reason, message, cancellationToken);
        var view = await runs.GetAsync(id, owner, cancellationToken);
        if (view is null || outcome is null || outcome.Kind == CancelOutcomeKind.NotFound || outcome.Job is null) return WorkflowProblems.RunNotFound(id);
        return outcome.Kind switch
        {
            CancelOutcomeKind.CancelledWhilePending => TypedResults.Ok(view),
            CancelOutcomeKind.Cancelling => TypedResults.Accepted(RunRoutes.Location(id), view),
            CancelOutcomeKind.AlreadyRequested when !outcome.Job.Status.IsTerminal() => TypedResults.Accepted(RunRoutes.Location(id), view),
            _ => Problems.Conflict($"Run already {outcome.Job.Status.ToWireName()}",
                $"Run already {outcome.Job.Status.ToWireName()}: there is nothing left to cancel.",
                new Dictionary<string, object?> { ["runId"] = id, ["runStatus"] = outcome.Job.Status.ToWireName(), ["outcome"] = view.Outcome }),
        };
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Serialization;
using Quell.Workflows.Catalog;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary><c>POST /api/workflows/{id}/runs</c> <c>{variables?, runId?}</c>: 202 with the run and its <c>Location</c>.</summary>
internal static class StartRun
{
    public static async Task<Results<Accepted<RunView>, ProblemHttpResult>> HandleAsync(
        string id, HttpContext context, ClaimsPrincipal user, IWorkflowCatalog catalog, WorkflowRuns runs, IJobService jobs,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(
            context.Request, ServerJsonContext.Default.StartRunRequest, optional: true, cancellationToken);
        if (problem is not null) return problem;

        var owner = user.Owner();
        var (run, refused) = await RunStarter.StartAsync(
            context, id, body?.Variables, owner, body?.RunId, threadId: null, catalog, runs, jobs, cancellationToken);
        if (refused is not null) return refused;
        var view = await runs.GetAsync(run!.Id, owner, cancellationToken);
        // The run may not have written workflow.started yet; the answer still names the workflow it runs.
        return view is null
            ? WorkflowProblems.RunNotFound(run.Id)
            : TypedResults.Accepted(RunRoutes.Location(run.Id), view with { WorkflowId = view.WorkflowId ?? id });
    }
}

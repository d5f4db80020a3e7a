using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.OpenApi;
using Quell.Server.Sse;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>The <c>/api/runs</c> route group: a workflow run's view, cancels, user input, events and replay.</summary>
internal static class RunEndpoints
{
    public static RouteGroupBuilder MapRunEndpoints(this IEndpointRouteBuilder api)
    {
        var runs = api.MapGroup("/runs")
            .WithTags("Runs")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapGet("/{id}", GetAsync).WithName("GetRun").WithSummary("A run: element states, outcome, messages, tool calls");
        runs.MapPost("/{id}/cancel", CancelRun.HandleAsync)
            .WithName("CancelRun")
            .WithSummary("Cancel a whole run: its cancellable tasks stop, nothing new starts")
            .WithJsonRequestBody<Jobs.CancelJobRequest>(required: false)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{id}/elements/{elementId}/cancel", CancelElement.HandleAsync)
            .WithName("CancelRunElement")
            .WithSummary("Cancel one task of a run at its next safe checkpoint")
            .WithJsonRequestBody<Jobs.CancelJobRequest>(required: false)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{id}/elements/{elementId}/complete", CompleteUserTask.HandleAsync)
            .WithName("CompleteUserTask")
            .WithSummary("Give a waiting user task its input")
            .WithJsonRequestBody<CompleteUserTaskRequest>(required: true)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapGet("/{id}/events", EventsAsync)
            .WithName("WatchRunEvents")
            .WithSummary("The run's events as Server-Sent Events, resumable with Last-Event-ID");
        runs.MapGet("/{id}/replay", ReplayAsync)
            .WithName("ReplayRun")
            .WithSummary("The run rebuilt from its stored events alone: a timeline and the run view")
            .Produces<RunReplay>();
        return runs;
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, WorkflowRuns runs, IJobService jobs, CancellationToken cancellationToken)
    {
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);
        var view = await runs.GetAsync(id, owner, cancellationToken);
        return view is null ? WorkflowProblems.RunNotFound(id) : TypedResults.Ok(view);
    }

    // A run is a job: its event stream is the job's, with the same resume rules.
    private static async Task<IResult> EventsAsync(
        string id, ClaimsPrincipal user, IJobService jobs,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        CancellationToken cancellationToken)
    {
        if (await RunRoutes.FindAsync(jobs, id, user.Owner(), cancellationToken) is null) return WorkflowProblems.RunNotFound(id);
        return (await JobEventStream.HandleAsync(id, user, jobs, lastEventIdHeader, lastEventId, cancellationToken)).Result;
    }

    private static async Task<IResult> ReplayAsync(
        string id, ClaimsPrincipal user, WorkflowRuns runs, IJobService jobs, CancellationToken cancellationToken)
    {
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);
        var replay = await runs.ReplayAsync(id, owner, cancellationToken);
        return replay is null ? WorkflowProblems.RunNotFound(id) : TypedResults.Ok(replay);
    }
}

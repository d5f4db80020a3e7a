using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Serialization;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>
/// <c>POST /api/runs/{id}/elements/{elementId}/complete</c> <c>{input}</c>: gives a waiting user task its input.
/// 202 once recorded; 409 when the task is not waiting; 404 for an unknown run.
/// </summary>
internal static class CompleteUserTask
{
    public static async Task<Results<Accepted<ElementView>, ProblemHttpResult>> HandleAsync(
        string id, string elementId, HttpContext context, ClaimsPrincipal user, WorkflowRuns runs, IJobService jobs,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(
            context.Request, ServerJsonContext.Default.CompleteUserTaskRequest, optional: false, cancellationToken);
        if (problem is not null) return problem;
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);

        var input = body!.Input ?? JsonDocument.Parse("null").RootElement;
        var completion = await runs.CompleteUserTaskAsync(id, elementId, input, owner, cancellationToken);
        var element = (await runs.GetAsync(id, owner, cancellationToken))?.Elements.FirstOrDefault(e => e.ElementId == elementId);
        return completion switch
        {
            UserTaskCompletion.Completed when element is not null => TypedResults.Accepted(RunRoutes.Location(id), element),
            UserTaskCompletion.RunNotFound => WorkflowProblems.RunNotFound(id),
            _ => Problems.Conflict("Task not waiting",
                $"Task '{elementId}' is not a user task waiting for input (it is {element?.Status ?? "not started"}).",
                new Dictionary<string, object?> { ["runId"] = id, ["elementId"] = elementId, ["elementStatus"] = element?.Status }),
        };
    }
}

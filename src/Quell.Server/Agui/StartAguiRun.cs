using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Workflows;
using Quell.Workflows.Agui;
using Quell.Workflows.Catalog;
using Quell.Workflows.Runs;

namespace Quell.Server.Agui;

/// <summary>
/// <c>POST /api/agui/{workflowId}</c>: AG-UI's RunAgentInput starts a run whose id is its <c>runId</c> (thread kept,
/// <c>state</c> as the variables), answered with the run as AG-UI events over SSE. A bad input, an unknown workflow or
/// a taken <c>runId</c> is a problem-details answer, never a stream.
/// </summary>
internal static class StartAguiRun
{
    public static async Task<IResult> HandleAsync(
        string workflowId, HttpContext context, ClaimsPrincipal user, IWorkflowCatalog catalog, WorkflowRuns runs,
        IJobService jobs, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync(
            context.Request, AguiJsonContext.Default.RunAgentInput, optional: false, cancellationToken);
        if (problem is not null) return problem;
        if (Check(input!) is { } invalid) return invalid;

        var owner = user.Owner();
        var (run, refused) = await RunStarter.StartAsync(
            context, workflowId, input!.State, owner, input.RunId, input.ThreadId, catalog, runs, jobs, cancellationToken);
        if (refused is not null) return refused;

        var projector = new AguiProjector(run!.Id, input.ThreadId);
        var writer = AguiResponse.Start(context.Response);
        await AguiRunStream.PumpAsync(context, jobs, run.Id, owner, afterSeq: 0, projector, writer, []);
        return TypedResults.Empty;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Check(RunAgentInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ThreadId)) return Problems.BadRequest("Invalid RunAgentInput", "'threadId' is required.");
        if (string.IsNullOrWhiteSpace(input.RunId)) return Problems.BadRequest("Invalid RunAgentInput", "'runId' is required.");
        if (input.State is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest("Invalid RunAgentInput", "'state' becomes the run's variables and must be a JSON object.");
        }
        return null;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Quell.Server.OpenApi;
using Quell.Workflows.Agui;

namespace Quell.Server.Agui;

/// <summary>The AG-UI routes: start a run from RunAgentInput and stream it, or re-attach to a run.</summary>
internal static class AguiEndpoints
{
    public static IEndpointRouteBuilder MapAguiEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/agui/{workflowId}", StartAguiRun.HandleAsync)
            .WithTags("AG-UI")
            .WithName("RunAguiAgent")
            .WithSummary("Run a workflow as an AG-UI agent: RunAgentInput in, AG-UI events out over SSE")
            .WithJsonRequestBody<RunAgentInput>(required: true)
            .Produces(StatusCodes.Status200OK, contentType: AguiSseWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/runs/{id}/agui", ReattachAguiRun.HandleAsync)
            .WithTags("AG-UI")
            .WithName("ReattachAguiRun")
            .WithSummary("Re-attach to a run as AG-UI: snapshots of the run so far, then live events")
            .Produces(StatusCodes.Status200OK, contentType: AguiSseWriter.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

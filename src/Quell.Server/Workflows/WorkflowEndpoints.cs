using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Quell.Server.OpenApi;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>The <c>/api/workflows</c> route group: the catalog, and starting runs.</summary>
internal static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder api)
    {
        var workflows = api.MapGroup("/workflows")
            .WithTags("Workflows")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        workflows.MapGet("/", GetWorkflow.ListAsync).WithName("ListWorkflows").WithSummary("List the workflows");
        workflows.MapPut("/{id}", PutWorkflow.HandleAsync)
            .WithName("PutWorkflow")
            .WithSummary("Add or replace a workflow (YAML or BPMN 2.0 XML, by content type)")
            .WithTextRequestBody(WorkflowMediaTypes.Accepted)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        workflows.MapGet("/{id}", GetWorkflow.HandleAsync)
            .WithName("GetWorkflow")
            .WithSummary("The workflow file as it was written; with Accept: application/json, the loaded model")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapPost("/{id}/runs", StartRun.HandleAsync)
            .WithName("StartRun")
            .WithSummary("Start a run of the workflow")
            .WithJsonRequestBody<StartRunRequest>(required: false)
            .Produces<RunView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return workflows;
    }
}

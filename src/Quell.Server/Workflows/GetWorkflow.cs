using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Quell.Workflows.Catalog;

namespace Quell.Server.Workflows;

/// <summary>
/// <c>GET /api/workflows/{id}</c>: the original text with its content type, so what was PUT comes back verbatim;
/// with <c>Accept: application/json</c>, the loaded model as JSON instead. <c>GET /api/workflows</c> lists them.
/// </summary>
internal static class GetWorkflow
{
    // The model's JSON shape (polymorphic elements, enum names) comes from its own attributes.
    private static readonly JsonSerializerOptions ModelJson = new(JsonSerializerDefaults.Web);

    public static async Task<Results<ContentHttpResult, JsonHttpResult<object>, ProblemHttpResult>> HandleAsync(
        string id, HttpRequest request, IWorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        var stored = await catalog.GetAsync(id, cancellationToken);
        if (stored is null) return WorkflowProblems.WorkflowNotFound(id);
        if (WantsJson(request))
        {
            return TypedResults.Json<object>(stored.Definition, ModelJson);
        }
        return TypedResults.Text(stored.Text, WorkflowMediaTypes.ContentType(stored.Format));
    }

    public static async Task<Ok<WorkflowListDto>> ListAsync(IWorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        var all = await catalog.ListAsync(cancellationToken);
        return TypedResults.Ok(new WorkflowListDto(
            [.. all.Select(WorkflowSummaryDto.From)]));
    }

    // JSON only when asked for by name: a browser's or curl's */* gets the file as it was written.
    private static bool WantsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) &&
        accepted.Any(type => type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
                             (type.Quality ?? 1) > 0);
}

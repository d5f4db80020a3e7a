using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Loading;

namespace Quell.Server.Workflows;

/// <summary>
/// <c>PUT /api/workflows/{id}</c>: YAML or BPMN by content type; 201 when new, 200 when replaced, 400 with every
/// located error for a file that does not load (nothing is stored then), 415 for another content type.
/// </summary>
internal static class PutWorkflow
{
    /// <summary>Workflow files are small; a bigger body is a mistake, not a workflow.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<Results<Created<WorkflowSummaryDto>, Ok<WorkflowSummaryDto>, ProblemHttpResult>> HandleAsync(
        string id, HttpRequest request, IWorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        if (!JobIds.IsValid(id)) return WorkflowProblems.InvalidId("workflow", id);
        if (WorkflowMediaTypes.FormatOf(request.ContentType) is not { } format)
        {
            return TypedResults.Problem(
                $"Send the workflow as YAML ('Content-Type: {WorkflowMediaTypes.Yaml}') or BPMN 2.0 XML " +
                $"('Content-Type: {WorkflowMediaTypes.Xml}'); got '{request.ContentType ?? "none"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }
        var text = await ReadTextAsync(request, cancellationToken);
        if (text is null)
        {
            return TypedResults.Problem($"A workflow file may hold at most {MaxBytes / 1024} KiB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Workflow too large");
        }
        if (string.IsNullOrWhiteSpace(text)) return Errors.Problems.BadRequest("Empty workflow", "The body is empty; send the workflow file.");

        var existed = await catalog.GetAsync(id, cancellationToken) is not null;
        StoredWorkflow stored;
        try
        {
            stored = await catalog.PutAsync(id, text, format, cancellationToken);
        }
        catch (WorkflowLoadException e)
        {
            return WorkflowProblems.InvalidWorkflow(e);
        }
        var summary = WorkflowSummaryDto.From(stored);
        return existed
            ? TypedResults.Ok(summary)
            : TypedResults.Created($"/api/workflows/{Uri.EscapeDataString(id)}", summary);
    }

    /// <summary>The body decoded with its charset (UTF-8 by default), or null when it is too big.</summary>
    private static async Task<string?> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        var encoding = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Encoding is { } declared
            ? declared
            : Encoding.UTF8;
        // Drops a byte-order mark, which the loaders would otherwise see as text.
        using var reader = new StreamReader(new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length), encoding, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}

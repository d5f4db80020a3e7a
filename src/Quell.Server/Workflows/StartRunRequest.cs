using System.Text.Json;

namespace Quell.Server.Workflows;

/// <summary>The optional body of <c>POST /api/workflows/{id}/runs</c>.</summary>
internal sealed record StartRunRequest
{
    /// <summary>The run's input variables, a JSON object (empty when absent).</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The id the run is to have; generated when absent. Refused with 409 if taken.</summary>
    public string? RunId { get; init; }
}

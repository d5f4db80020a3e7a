using System.Text.Json;

namespace Quell.Server.Workflows;

/// <summary>The body of <c>POST /api/runs/{id}/elements/{elementId}/complete</c>.</summary>
internal sealed record CompleteUserTaskRequest
{
    /// <summary>What the person entered; becomes the user task's output.</summary>
    public JsonElement? Input { get; init; }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Jobs;

namespace Quell.Agents.Events;

/// <summary>
/// Writes agent events into a job's history through <see cref="IJobContext.EmitAsync"/>, putting
/// <c>elementId</c> first in every payload when the work runs as a workflow element.
/// </summary>
/// <param name="context">The running job.</param>
/// <param name="elementId">The workflow element, or null for a plain job.</param>
public sealed class JobContextAgentEventSink(IJobContext context, string? elementId = null) : IAgentEventSink
{
    /// <inheritdoc />
    public Task EmitAsync(string type, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.EmitAsync(type, elementId is null ? data : WithElementId(data, elementId), cancellationToken);
    }

    private static JsonElement WithElementId(JsonElement data, string elementId)
    {
        var withId = new JsonObject { ["elementId"] = elementId };
        foreach (var property in data.EnumerateObject())
        {
            if (property.NameEquals("elementId")) continue;
            withId[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
        return JsonSerializer.SerializeToElement(withId, AgentEventJsonContext.Default.JsonObject);
    }
}

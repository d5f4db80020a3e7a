using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quell.Workflows.Agui;

/// <summary><c>CUSTOM</c>: a Quell event AG-UI has no counterpart for, named after it, with all its data.</summary>
/// <param name="Name">The Quell event type, such as <c>task.cancelled</c>.</param>
/// <param name="Value">The event's data; always written, even when it is JSON <c>null</c>.</param>
public sealed record CustomEvent(string Name, JsonElement Value) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.Custom;

    /// <summary>The event's data; always written, even when it is JSON <c>null</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement Value { get; init; } = Value;
}

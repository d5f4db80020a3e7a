using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quell.Workflows.Agui;

/// <summary>Tolerant reads of an event's <c>data</c>: a missing or mistyped field is absent, never an exception.</summary>
internal static class EventData
{
    public static string? String(JsonElement data, string name) =>
        Property(data, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The field's value, or null when it is missing or JSON <c>null</c>.</summary>
    public static JsonElement? Property(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>A JSON value as a node that can be put into a document (a deep copy).</summary>
    public static JsonNode? ToNode(JsonElement? value) => value is { } v ? JsonSerializer.SerializeToNode(v, AguiJsonContext.Default.JsonElement) : null;

    /// <summary>The text AG-UI carries for a JSON value: a string as itself, anything else as compact JSON.</summary>
    public static string ToText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>An immutable copy of a document.</summary>
    public static JsonElement ToElement(JsonObject document) =>
        JsonSerializer.SerializeToElement(document, AguiJsonContext.Default.JsonObject);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quell.Workflows.Loading;

/// <summary>
/// Converts free-form values (tool arguments, service task input, custom properties) to JSON. Plain scalars are typed
/// as YAML's core schema types them (<c>42</c>, <c>2.5</c>, <c>true</c>, <c>null</c>); quoted ones stay strings. XML
/// attribute and element values count as plain, so both formats give the same JSON.
/// </summary>
internal static class NodeJson
{
    public static JsonElement ToElement(SourceNode node) => JsonSerializer.SerializeToElement(ToNode(node), NodeJsonContext.Default.JsonNode);

    public static Dictionary<string, JsonElement> ToDictionary(MapNode map) =>
        map.Entries.ToDictionary(e => e.Key, e => ToElement(e.Value), StringComparer.Ordinal);

    private static JsonNode? ToNode(SourceNode node) => node switch
    {
        MapNode map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, ToNode(e.Value)))),
        ListNode list => new JsonArray(list.Items.Select(ToNode).ToArray()),
        ScalarNode scalar => ToValue(scalar),
        _ => null,
    };

    private static JsonValue? ToValue(ScalarNode scalar)
    {
        if (scalar.IsNull) return null;
        var text = scalar.Value;
        if (!scalar.IsPlain) return JsonValue.Create(text);
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}

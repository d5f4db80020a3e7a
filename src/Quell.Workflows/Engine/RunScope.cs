using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Workflows.Expressions;

namespace Quell.Workflows.Engine;

/// <summary>
/// What conditions and templates see: the run's variables both at the top level (<c>{{ period }}</c>) and under
/// <c>variables.</c>, and every finished task under <c>tasks.&lt;id&gt;.status|output|outcome</c>.
/// </summary>
internal sealed class RunScope(JsonElement? variables)
{
    private readonly Dictionary<string, (string Status, JsonElement? Output)> _tasks = new(StringComparer.Ordinal);

    public void SetTask(string elementId, string status, JsonElement? output)
    {
        lock (_tasks) _tasks[elementId] = (status, output);
    }

    public IVariableScope Snapshot()
    {
        var root = new JsonObject();
        var vars = variables is { ValueKind: JsonValueKind.Object } v ? v : JsonSerializer.SerializeToElement(new { });
        foreach (var property in vars.EnumerateObject()) root[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        root["variables"] = JsonNode.Parse(vars.GetRawText());
        var tasks = new JsonObject();
        lock (_tasks)
        {
            foreach (var (id, (status, output)) in _tasks)
            {
                tasks[id] = new JsonObject
                {
                    ["status"] = status,
                    ["outcome"] = status,
                    ["output"] = output is { } o ? JsonNode.Parse(o.GetRawText()) : null,
                };
            }
        }
        root["tasks"] = tasks;
        return new JsonVariableScope(JsonSerializer.SerializeToElement(root));
    }

    /// <summary>Renders every string of a service task's input as a template.</summary>
    public static JsonElement RenderInput(JsonElement? input, IVariableScope scope)
    {
        if (input is not { } value) return JsonSerializer.SerializeToElement(new { });
        return JsonSerializer.SerializeToElement(Render(JsonNode.Parse(value.GetRawText()), scope));
    }

    private static JsonNode? Render(JsonNode? node, IVariableScope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList()) obj[key] = Render(obj[key]?.DeepClone(), scope);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = Render(array[i]?.DeepClone(), scope);
                return array;
            case JsonValue text when text.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal):
                return JsonValue.Create(TextTemplate.Render(s, scope));
            default:
                return node;
        }
    }
}

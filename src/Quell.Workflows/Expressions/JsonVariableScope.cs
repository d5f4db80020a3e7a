using System.Text.Json;

namespace Quell.Workflows.Expressions;

/// <summary>
/// A scope over one JSON object: each path segment is a property name, and a segment that is a non-negative integer
/// also indexes an array. The engine builds this object from the run's variables and its tasks' states.
/// </summary>
public sealed class JsonVariableScope : IVariableScope
{
    private readonly JsonElement _root;

    /// <summary>Creates a scope over <paramref name="root"/>.</summary>
    public JsonVariableScope(JsonElement root) => _root = root;

    /// <inheritdoc />
    public JsonElement? Resolve(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = _root;
        foreach (var segment in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
                current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index)
                && index >= 0 && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }
        return current;
    }
}

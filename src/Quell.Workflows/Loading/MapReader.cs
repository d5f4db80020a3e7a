using System.Globalization;

namespace Quell.Workflows.Loading;

/// <summary>
/// Reads the keys of one map with typed getters that report precise errors (element id, dotted field path, position)
/// and remembers which keys were read, so <see cref="RejectUnknown"/> can name every key nobody asked for.
/// </summary>
internal sealed class MapReader
{
    private readonly MapNode _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public MapReader(MapNode map, string prefix, string? elementId, LoadErrors errors)
    {
        _map = map;
        Prefix = prefix;
        ElementId = elementId;
        Errors = errors;
    }

    public string Prefix { get; }

    public string? ElementId { get; }

    public LoadErrors Errors { get; }

    public SourcePosition Position => _map.Position;

    public string Field(string key) => Prefix + key;

    public void Error(SourcePosition at, string key, string message) => Errors.Add(at, ElementId, Field(key), message);

    public SourceNode? Node(string key)
    {
        _read.Add(key);
        return _map.Entries.FirstOrDefault(e => e.Key == key)?.Value;
    }

    public bool Has(string key) => _map.Entries.Any(e => e.Key == key);

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            if (required) Error(node?.Position ?? Position, key, $"'{key}' is required");
            return null;
        }
        if (node is ScalarNode scalar)
        {
            if (required && scalar.Value.Trim().Length == 0) Error(node.Position, key, $"'{key}' must not be empty");
            return scalar.Value;
        }
        Error(node.Position, key, $"expected text, got {node.KindName}");
        return null;
    }

    /// <summary>A multi-line text (prompt, script): trimmed and dedented, so YAML blocks and XML text read the same.</summary>
    public string? Text(string key, bool required = false) => String(key, required) is { } text ? TextBlock.Normalize(text) : null;

    public bool Bool(string key, bool fallback)
    {
        if (Scalar(key) is not { } scalar) return fallback;
        if (bool.TryParse(scalar.Value, out var value)) return value;
        Error(scalar.Position, key, $"expected true or false, got \"{scalar.Value}\"");
        return fallback;
    }

    public int? Int(string key, int min, string expectation)
    {
        if (Scalar(key) is not { } scalar) return null;
        if (int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        Error(scalar.Position, key, $"expected {expectation}, got \"{scalar.Value}\"");
        return null;
    }

    public double? Number(string key, double min, bool minExclusive, string expectation)
    {
        if (Scalar(key) is not { } scalar) return null;
        if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && (minExclusive ? value > min : value >= min))
            return value;
        Error(scalar.Position, key, $"expected {expectation}, got \"{scalar.Value}\"");
        return null;
    }

    public MapReader? Map(string key, bool required = false)
    {
        var node = Node(key);
        switch (node)
        {
            case MapNode map:
                return new MapReader(map, Field(key) + ".", ElementId, Errors);
            case null or ScalarNode { IsNull: true }:
                if (required) Error(node?.Position ?? Position, key, $"'{key}' is required");
                return null;
            default:
                Error(node.Position, key, $"expected a map, got {node.KindName}");
                return null;
        }
    }

    public IReadOnlyList<SourceNode>? List(string key)
    {
        var node = Node(key);
        return node switch
        {
            ListNode list => list.Items,
            null or ScalarNode { IsNull: true } => null,
            { FromXml: true } => [node],
            _ => ErrorAndNull(node, key, $"expected a list, got {node.KindName}"),
        };
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        if (List(key) is not { } items) return null;
        var values = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ScalarNode { IsNull: false } scalar) values.Add(scalar.Value);
            else Error(items[i].Position, $"{key}[{i}]", $"expected text, got {items[i].KindName}");
        }
        return values;
    }

    public void RejectUnknown(IEnumerable<string> known)
    {
        foreach (var entry in _map.Entries.Where(e => !_read.Contains(e.Key)))
            Error(entry.KeyPosition, entry.Key, $"unknown property '{entry.Key}'; expected one of: {string.Join(", ", known)}");
    }

    private ScalarNode? Scalar(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null or ScalarNode { IsNull: true }:
                return null;
            case ScalarNode scalar:
                return scalar;
            default:
                Error(node.Position, key, $"expected a single value, got {node.KindName}");
                return null;
        }
    }

    private IReadOnlyList<SourceNode>? ErrorAndNull(SourceNode node, string key, string message)
    {
        Error(node.Position, key, message);
        return null;
    }
}

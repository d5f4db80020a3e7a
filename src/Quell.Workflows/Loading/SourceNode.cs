namespace Quell.Workflows.Loading;

/// <summary>
/// A format-neutral tree of a file's property values with positions: YAML nodes map onto it directly, and the
/// contents of BPMN <c>quell:properties</c> elements are converted into it, so one binder reads both formats.
/// </summary>
internal abstract record SourceNode(SourcePosition Position)
{
    /// <summary>
    /// Set on nodes read from XML, where a list of one cannot be told apart from its single item: wherever a list is
    /// expected, such a node counts as a one-item list.
    /// </summary>
    public bool FromXml { get; init; }

    public abstract string KindName { get; }
}

/// <summary>A scalar, with its raw text; <see cref="IsPlain"/> is false for quoted or block YAML scalars.</summary>
internal sealed record ScalarNode(SourcePosition Position, string Value, bool IsPlain) : SourceNode(Position)
{
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "nothing" : "a value";
}

/// <summary>A key of a map, with the key's own position.</summary>
internal sealed record MapEntry(string Key, SourcePosition KeyPosition, SourceNode Value);

internal sealed record MapNode(SourcePosition Position, IReadOnlyList<MapEntry> Entries) : SourceNode(Position)
{
    public override string KindName => "a map";
}

internal sealed record ListNode(SourcePosition Position, IReadOnlyList<SourceNode> Items) : SourceNode(Position)
{
    public override string KindName => "a list";
}

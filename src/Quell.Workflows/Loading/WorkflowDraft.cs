using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>What a format reader found, with positions, before the graph is validated and the definition built.</summary>
internal sealed class WorkflowDraft
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? Description { get; set; }

    public SourcePosition Position { get; set; } = new(1, 1);

    public List<DraftElement> Elements { get; } = [];

    public List<DraftFlow> Flows { get; } = [];

    /// <summary>BPMN names a gateway's default flow on the gateway (<c>default="Flow_3"</c>): gateway id → flow id.</summary>
    public Dictionary<string, (string FlowId, SourcePosition At)> GatewayDefaults { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// An element as read. <see cref="Element"/> is <see langword="null"/> when its properties had errors; the graph is
/// still checked with its id and type, so one bad property does not cause a cascade of "unreachable" errors.
/// </summary>
internal sealed record DraftElement(string Id, string Type, SourcePosition Position, WorkflowElement? Element);

/// <summary>A sequence flow as read, with the positions of its parts.</summary>
internal sealed record DraftFlow(string Id, string Source, string Target, SourcePosition Position)
{
    public SourcePosition SourceAt { get; init; }

    public SourcePosition TargetAt { get; init; }

    public string? Condition { get; init; }

    public SourcePosition ConditionAt { get; init; }

    public bool IsDefault { get; init; }

    public string? Name { get; init; }
}

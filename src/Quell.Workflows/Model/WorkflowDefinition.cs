using System.Text.Json.Serialization;

namespace Quell.Workflows.Model;

/// <summary>
/// A loaded, validated workflow: immutable, and the same model whichever format it came from. Build one with
/// <see cref="Loading.WorkflowLoader"/>, which either returns a complete definition or throws.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, WorkflowElement> _elements;
    private readonly ILookup<string, SequenceFlow> _outgoing;
    private readonly ILookup<string, SequenceFlow> _incoming;

    /// <summary>Creates a definition; the loader validates the graph before it calls this.</summary>
    public WorkflowDefinition(string id, string name, IReadOnlyList<WorkflowElement> elements, IReadOnlyList<SequenceFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(flows);
        Id = id;
        Name = name;
        Elements = elements;
        Flows = flows;
        _elements = elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _outgoing = flows.ToLookup(f => f.Source, StringComparer.Ordinal);
        _incoming = flows.ToLookup(f => f.Target, StringComparer.Ordinal);
    }

    /// <summary>The workflow's id (YAML <c>id</c>, BPMN process id).</summary>
    public string Id { get; }

    /// <summary>A human name; the id when the file gives none.</summary>
    public string Name { get; }

    /// <summary>The file's own version label, if it has one.</summary>
    public string? Version { get; init; }

    /// <summary>What the workflow is for.</summary>
    public string? Description { get; init; }

    /// <summary>Every element in file order.</summary>
    public IReadOnlyList<WorkflowElement> Elements { get; }

    /// <summary>Every sequence flow in file order.</summary>
    public IReadOnlyList<SequenceFlow> Flows { get; }

    /// <summary>The format the definition was loaded from.</summary>
    public WorkflowFormat Format { get; init; }

    /// <summary>For BPMN, the original XML and its diagram, so a web page can draw exactly what was loaded.</summary>
    public BpmnSource? Bpmn { get; init; }

    /// <summary>The one start event.</summary>
    [JsonIgnore]
    public StartEvent Start => Elements.OfType<StartEvent>().Single();

    /// <summary>The element with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No element has that id.</exception>
    public WorkflowElement GetElement(string id) => _elements.TryGetValue(id, out var element)
        ? element
        : throw new KeyNotFoundException($"Workflow '{Id}' has no element '{id}'.");

    /// <summary>The element with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public WorkflowElement? FindElement(string id) => _elements.GetValueOrDefault(id);

    /// <summary>The flows leaving <paramref name="elementId"/>, in file order.</summary>
    public IEnumerable<SequenceFlow> Outgoing(string elementId) => _outgoing[elementId];

    /// <summary>The flows entering <paramref name="elementId"/>, in file order.</summary>
    public IEnumerable<SequenceFlow> Incoming(string elementId) => _incoming[elementId];
}

using System.Text.Json;

namespace Quell.Workflows.Model;

/// <summary>A unit of work: agentic, service or user task. Each has exactly one outgoing flow.</summary>
public abstract record WorkflowTask : WorkflowElement
{
    /// <summary>Creates a task.</summary>
    protected WorkflowTask(string id, string? name)
        : base(id, name)
    {
    }

    /// <summary>Whether a person may cancel this task while it runs (default <see langword="false"/>, as in seed 001).</summary>
    public bool AllowCancellation { get; init; }

    /// <summary>
    /// Free-form properties (<c>custom:</c>) that Quell carries but does not interpret, e.g. a page's
    /// <c>aguiEventCategories</c>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Custom { get; init; } = new Dictionary<string, JsonElement>();
}

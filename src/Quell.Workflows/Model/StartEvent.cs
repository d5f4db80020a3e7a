namespace Quell.Workflows.Model;

/// <summary>Where a run begins; a workflow has exactly one.</summary>
public sealed record StartEvent(string Id, string? Name) : WorkflowElement(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.StartEvent;
}

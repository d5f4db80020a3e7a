namespace Quell.Workflows.Model;

/// <summary>Where a path ends. Reaching a <see cref="EndOutcome.Failure"/> end makes the run's outcome failed.</summary>
public sealed record EndEvent(string Id, string? Name, EndOutcome Outcome) : WorkflowElement(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.EndEvent;
}

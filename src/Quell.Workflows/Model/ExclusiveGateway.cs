namespace Quell.Workflows.Model;

/// <summary>
/// Takes the first outgoing flow, in file order, whose condition is true, else the default flow. With one incoming
/// and one outgoing flow and no condition it simply passes through (a merge).
/// </summary>
public sealed record ExclusiveGateway(string Id, string? Name, string? DefaultFlowId) : WorkflowElement(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.ExclusiveGateway;
}

namespace Quell.Workflows.Model;

/// <summary>Forks into all its outgoing flows, and joins by waiting for all its incoming ones.</summary>
public sealed record ParallelGateway(string Id, string? Name) : WorkflowElement(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.ParallelGateway;
}

using Quell.Workflows.Expressions;

namespace Quell.Workflows.Model;

/// <summary>An edge of the graph. Only flows leaving an exclusive gateway carry a condition or are the default.</summary>
/// <param name="Id">Unique within the workflow (elements included).</param>
/// <param name="Source">The id of the element the flow leaves.</param>
/// <param name="Target">The id of the element the flow enters.</param>
/// <param name="Condition">When the gateway may take this flow; <see langword="null"/> for an unconditional flow.</param>
/// <param name="IsDefault">Whether the gateway takes this flow when no condition is true.</param>
public sealed record SequenceFlow(string Id, string Source, string Target, ConditionExpression? Condition, bool IsDefault)
{
    /// <summary>A label shown on the diagram, if any.</summary>
    public string? Name { get; init; }
}

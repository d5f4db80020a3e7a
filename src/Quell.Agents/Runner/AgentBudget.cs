namespace Quell.Agents.Runner;

/// <summary>Limits on what a task may spend.</summary>
public sealed record AgentBudget
{
    /// <summary>
    /// The most tokens (input and output, over all model calls) the task may use; when usage passes it the task stops
    /// with reason <c>resource_limit</c>. Null for no limit.
    /// </summary>
    public int? MaxTokens { get; init; }
}

namespace Quell.Workflows.Model;

/// <summary>An LLM task that streams an answer and may call MCP tools until it has one.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The label, if any.</param>
/// <param name="Agent">The model, prompts, tools and limits.</param>
public sealed record AgenticTask(string Id, string? Name, AgentDefinition Agent) : WorkflowTask(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.AgenticTask;
}

using Quell.Agents.Models;
using Quell.Agents.Tools;

namespace Quell.Agents.Runner;

/// <summary>One agentic task: prompts, model, tools, retries, budget and how a cancel treats a tool in flight.</summary>
public sealed record AgentTask
{
    /// <summary>The system prompt; null for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The user's prompt.</summary>
    public string UserPrompt { get; init; } = "";

    /// <summary>The model; the scripted model by default.</summary>
    public AgentModelOptions Model { get; init; } = new();

    /// <summary>The MCP servers whose (allowed) tools the model may call.</summary>
    public IReadOnlyList<McpToolSource> Tools { get; init; } = [];

    /// <summary>Retries of model calls that fail with HTTP 429 or 5xx.</summary>
    public AgentRetryOptions Retry { get; init; } = new();

    /// <summary>The token budget.</summary>
    public AgentBudget Budget { get; init; } = new();

    /// <summary>
    /// False (default): a cancel waits for the tool in flight to finish, then stops. True: the call is cancelled and its
    /// server receives <c>notifications/cancelled</c>.
    /// </summary>
    public bool CancelInFlightTools { get; init; }

    /// <summary>The most model calls (turns) before the task fails as looping. Default 16.</summary>
    public int MaxTurns { get; init; } = 16;

    /// <summary>The most tokens the model may write per turn (passed to the model); null for its default.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Problems with the task, each a sentence a user can act on; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(UserPrompt)) problems.Add("A prompt is required.");
        problems.AddRange(Model.Validate());
        foreach (var source in Tools) problems.AddRange(source.Validate());
        problems.AddRange(Retry.Validate());
        if (Budget.MaxTokens is < 1) problems.Add("budget.maxTokens must be at least 1.");
        if (MaxTurns < 1) problems.Add("maxTurns must be at least 1.");
        if (MaxOutputTokens is < 1) problems.Add("maxTokens must be at least 1.");
        return problems;
    }
}

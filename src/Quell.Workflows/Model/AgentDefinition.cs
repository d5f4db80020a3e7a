using Quell.Agents.Tools;

namespace Quell.Workflows.Model;

/// <summary>Everything an agentic task needs besides its id.</summary>
public sealed record AgentDefinition
{
    /// <summary>Which model answers (default: the offline scripted model).</summary>
    public required ModelProvider Provider { get; init; }

    /// <summary>The system prompt, a <c>{{variables}}</c> template; <see langword="null"/> for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The user prompt, a <c>{{variables}}</c> template over run variables and earlier tasks' outputs.</summary>
    public required string Prompt { get; init; }

    /// <summary>The MCP servers whose tools the model may call.</summary>
    public IReadOnlyList<McpToolSource> Tools { get; init; } = [];

    /// <summary>
    /// Whether a cancel also stops a tool call in flight by sending <c>notifications/cancelled</c> to its server
    /// (default <see langword="false"/>: the tool in flight is waited for, as seed 001 says).
    /// </summary>
    public bool CancelInFlightTools { get; init; }

    /// <summary>How failed model calls (HTTP 429 and 5xx) are retried.</summary>
    public RetryPolicy Retries { get; init; } = RetryPolicy.Default;

    /// <summary>The most tokens the task may use; <see langword="null"/> for no limit.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>For the scripted provider, what the model streams and calls; <see langword="null"/> otherwise.</summary>
    public ModelScript? Script { get; init; }
}

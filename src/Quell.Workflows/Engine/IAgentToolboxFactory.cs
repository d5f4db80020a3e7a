using Quell.Agents.Tools;

namespace Quell.Workflows.Engine;

/// <summary>Connects an agentic task to the MCP servers its definition names. Replaceable for hosts and tests.</summary>
public interface IAgentToolboxFactory
{
    /// <summary>Connects to <paramref name="sources"/>; an empty list gives an empty toolbox. The caller disposes it.</summary>
    Task<AgentToolbox> CreateAsync(IReadOnlyList<McpToolSource> sources, CancellationToken cancellationToken);
}

/// <summary>The default: starts stdio servers and connects to URLs through the MCP SDK's client.</summary>
public sealed class McpAgentToolboxFactory : IAgentToolboxFactory
{
    /// <inheritdoc />
    public Task<AgentToolbox> CreateAsync(IReadOnlyList<McpToolSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.Count == 0 ? Task.FromResult(AgentToolbox.CreateEmpty()) : AgentToolbox.ConnectAsync(sources, cancellationToken);
    }
}

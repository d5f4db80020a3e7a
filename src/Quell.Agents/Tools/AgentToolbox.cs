using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Client;

namespace Quell.Agents.Tools;

/// <summary>
/// The MCP tools one agent run may call: connected clients, the allowed tools offered to the model as
/// <see cref="AITool"/> declarations, and calls through <see cref="McpOperationManager"/> so a call can be
/// cancelled with <c>notifications/cancelled</c> (the SDK's client does not send it itself).
/// </summary>
public sealed class AgentToolbox : IAsyncDisposable
{
    private readonly List<(McpClient Client, McpOperationManager Calls, bool Owned)> _servers = [];
    private readonly Dictionary<string, (McpClientTool Tool, McpOperationManager Calls)> _tools = new(StringComparer.Ordinal);

    private AgentToolbox()
    {
    }

    /// <summary>Creates a toolbox without tools.</summary>
    public static AgentToolbox CreateEmpty() => new();

    /// <summary>The tools offered to the model.</summary>
    public IReadOnlyList<AITool> Tools => [.. _tools.Values.Select(t => (AITool)t.Tool)];

    /// <summary>Connects to every source, lists its tools and keeps the allowed ones.</summary>
    /// <param name="sources">The MCP servers.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <exception cref="InvalidOperationException">A source is invalid, an allowed tool is missing, or two servers offer the same tool.</exception>
    public static async Task<AgentToolbox> ConnectAsync(IReadOnlyList<McpToolSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var toolbox = new AgentToolbox();
        try
        {
            foreach (var source in sources)
            {
                var problems = source.Validate();
                if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
                var client = source.Url is not null
                    ? await McpClientConnector.ConnectHttpAsync(source.Url, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await McpClientConnector.ConnectStdioAsync(source.Command!, source.Args, cancellationToken: cancellationToken).ConfigureAwait(false);
                await toolbox.AddAsync(client, owned: true, source.DisplayName, source.AllowedTools, cancellationToken).ConfigureAwait(false);
            }
            return toolbox;
        }
        catch
        {
            await toolbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A toolbox over clients the caller connected and keeps owning (such as an in-process server).</summary>
    /// <param name="clients">Connected clients, each with its allow-list (null for all tools).</param>
    /// <param name="cancellationToken">Cancels listing tools.</param>
    public static async Task<AgentToolbox> FromClientsAsync(
        IReadOnlyList<(McpClient Client, IReadOnlyList<string>? AllowedTools)> clients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var toolbox = new AgentToolbox();
        foreach (var (client, allowed) in clients)
        {
            await toolbox.AddAsync(client, owned: false, client.ServerInfo?.Name ?? "mcp", allowed, cancellationToken).ConfigureAwait(false);
        }
        return toolbox;
    }

    /// <summary>
    /// Calls a tool and waits for it to end. When <paramref name="cancelWhen"/> fires first, the call is cancelled
    /// (the server gets <c>notifications/cancelled</c> with <paramref name="cancelReason"/>'s text); otherwise the
    /// call runs to its end whatever else is cancelled.
    /// </summary>
    /// <param name="name">The tool.</param>
    /// <param name="arguments">A JSON object of arguments.</param>
    /// <param name="cancelReason">The reason sent to the server.</param>
    /// <param name="cancelWhen">Cancels the call in flight; <see cref="CancellationToken.None"/> to always wait.</param>
    public async Task<AgentToolCallOutcome> CallAsync(string name, JsonElement arguments, Func<string> cancelReason, CancellationToken cancelWhen)
    {
        ArgumentNullException.ThrowIfNull(cancelReason);
        if (!_tools.TryGetValue(name, out var entry))
        {
            return new AgentToolCallOutcome(AgentToolCallOutcome.Failed, null, $"The tool '{name}' is not available to this task.");
        }
        var operation = entry.Calls.Start(name, arguments);
        using (cancelWhen.Register(() => _ = operation.CancelAsync(cancelReason())))
        {
            await operation.Completion.ConfigureAwait(false);
        }
        return operation.Status switch
        {
            McpOperationStatus.Completed => new AgentToolCallOutcome(AgentToolCallOutcome.Complete, ToolResults.ToJson(operation.Result!), null),
            McpOperationStatus.Cancelled or McpOperationStatus.TimedOut =>
                new AgentToolCallOutcome(AgentToolCallOutcome.Cancelled, null, operation.CancellationReason),
            _ => new AgentToolCallOutcome(AgentToolCallOutcome.Failed, operation.Result is { } r ? ToolResults.ToJson(r) : null,
                operation.Result is { } failed ? ToolResults.Text(failed) : operation.Error?.Message ?? "The tool call failed."),
        };
    }

    /// <summary>Cancels calls still running and closes the connections this toolbox opened.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (client, calls, owned) in _servers)
        {
            await calls.DisposeAsync().ConfigureAwait(false);
            if (owned) await client.DisposeAsync().ConfigureAwait(false);
        }
        _servers.Clear();
    }

    private async Task AddAsync(McpClient client, bool owned, string serverName, IReadOnlyList<string>? allowed, CancellationToken cancellationToken)
    {
        var calls = new McpOperationManager(client);
        _servers.Add((client, calls, owned));
        var listed = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var byName = listed.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var missing in (allowed ?? []).Where(n => !byName.ContainsKey(n)))
        {
            throw new InvalidOperationException($"The MCP server '{serverName}' has no tool '{missing}' (it has: {string.Join(", ", byName.Keys)}).");
        }
        foreach (var tool in listed.Where(t => allowed is null || allowed.Contains(t.Name, StringComparer.Ordinal)))
        {
            if (!_tools.TryAdd(tool.Name, (tool, calls)))
            {
                throw new InvalidOperationException($"Two MCP servers offer a tool named '{tool.Name}'; allow it on one of them only.");
            }
        }
    }
}

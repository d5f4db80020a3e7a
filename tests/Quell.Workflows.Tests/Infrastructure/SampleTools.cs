using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Agents.Tools;
using Quell.Mcp.Client;
using Quell.Workflows.Engine;

namespace Quell.Workflows.Tests.Infrastructure;

/// <summary>
/// A real MCP server (the SDK's) with the sample workflow's tools, joined to a real SDK client over in-memory pipes,
/// standing in for the sample tool server. A test can hold the n-th call of a tool until it releases it, and it is
/// the toolbox factory of the engine: every agentic task gets the tools its definition allows from this server.
/// </summary>
public sealed class SampleTools : IAgentToolboxFactory, IAsyncDisposable
{
    public static readonly string[] ToolNames = ["fetch_data", "analyze_sentiment", "extract_keywords", "generate_report", "publish_report"];

    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Tool, int Occurrence), ToolGate> _gates = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private Task _serverRun = Task.CompletedTask;

    public McpClient Client { get; private set; } = null!;

    /// <summary>Every call, in the order the handlers started.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public static async Task<SampleTools> StartAsync()
    {
        var server = new SampleTools();
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var name in ToolNames)
        {
            tools.Add(McpServerTool.Create(
                // The request context is bound by the SDK, not from the arguments, so any arguments are accepted.
                (Func<RequestContext<CallToolRequestParams>, CancellationToken, Task<string>>)((request, ct) => server.HandleAsync(name, ct)),
                new McpServerToolCreateOptions { Name = name, Description = $"Sample tool {name}." }));
        }
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "sample-tools", Version = "1.0.0" },
            ToolCollection = tools,
        };
        var transport = new StreamServerTransport(server._clientToServer.Reader.AsStream(), server._serverToClient.Writer.AsStream(), "sample-tools");
        var mcp = McpServer.Create(transport, options);
        server._serverRun = mcp.RunAsync(server._stop.Token);
        server.Client = await McpClient.CreateAsync(
            new StreamClientTransport(server._clientToServer.Writer.AsStream(), server._serverToClient.Reader.AsStream()),
            new McpClientOptions { ProtocolVersion = McpClientConnector.ProtocolVersion });
        return server;
    }

    /// <summary>Makes the <paramref name="occurrence"/>-th call (from 1) of <paramref name="tool"/> wait until released.</summary>
    public ToolGate Hold(string tool, int occurrence = 1) => _gates.GetOrAdd((tool, occurrence), _ => new ToolGate());

    public Task<AgentToolbox> CreateAsync(IReadOnlyList<McpToolSource> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0) return Task.FromResult(AgentToolbox.CreateEmpty());
        var allowed = sources.Any(s => s.AllowedTools is null) ? null : sources.SelectMany(s => s.AllowedTools!).Distinct().ToList();
        return AgentToolbox.FromClientsAsync([(Client, allowed)], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates.Values) gate.Release();
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try { await _serverRun.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private async Task<string> HandleAsync(string name, CancellationToken cancellationToken)
    {
        Calls.Enqueue(name);
        var occurrence = _counts.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (_gates.TryGetValue((name, occurrence), out var gate))
        {
            gate.Started.TrySetResult();
            await gate.Released.Task.WaitAsync(cancellationToken);
        }
        return JsonSerializer.Serialize(new { tool = name, call = occurrence, ok = true });
    }

    public sealed class ToolGate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}

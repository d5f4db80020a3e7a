using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Mcp.Client;

namespace Quell.Agents.Tests.Infrastructure;

/// <summary>
/// A real MCP server (the SDK's <see cref="McpServer"/>) joined to a real SDK client over in-memory pipes, with the
/// seed's five tools. A test can hold a tool until it releases it, and see whether the tool's own cancellation
/// token fired (which only <c>notifications/cancelled</c> from the client does).
/// </summary>
public sealed class InProcessToolServer : IAsyncDisposable
{
    public static readonly string[] ToolNames = ["fetch_data", "analyze_sentiment", "extract_keywords", "generate_report", "send_summary"];

    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ToolGate> _gates = new(StringComparer.Ordinal);
    private Task _serverRun = Task.CompletedTask;

    public McpClient Client { get; private set; } = null!;

    /// <summary>The tools called, in the order their handlers started.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public static async Task<InProcessToolServer> StartAsync()
    {
        var server = new InProcessToolServer();
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var name in ToolNames)
        {
            tools.Add(McpServerTool.Create(
                (Func<string?, CancellationToken, Task<string>>)((input, ct) => server.HandleAsync(name, input, ct)),
                new McpServerToolCreateOptions { Name = name, Description = $"Test tool {name}." }));
        }
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "agent-test-tools", Version = "1.0.0" },
            ToolCollection = tools,
        };
        var transport = new StreamServerTransport(server._clientToServer.Reader.AsStream(), server._serverToClient.Writer.AsStream(), "agent-test-tools");
        var mcp = McpServer.Create(transport, options);
        server._serverRun = mcp.RunAsync(server._stop.Token);
        server.Client = await McpClient.CreateAsync(
            new StreamClientTransport(server._clientToServer.Writer.AsStream(), server._serverToClient.Reader.AsStream()),
            new McpClientOptions { ProtocolVersion = McpClientConnector.ProtocolVersion });
        return server;
    }

    /// <summary>Makes <paramref name="tool"/> wait, when called, until released or cancelled by the client.</summary>
    public ToolGate Hold(string tool) => _gates.GetOrAdd(tool, _ => new ToolGate());

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates.Values) gate.Release();
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try { await _serverRun.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private async Task<string> HandleAsync(string name, string? input, CancellationToken cancellationToken)
    {
        Calls.Enqueue(name);
        if (_gates.TryGetValue(name, out var gate))
        {
            gate.Started.TrySetResult();
            try
            {
                await gate.Released.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Only the SDK cancels this token, and only for notifications/cancelled (or a closed session).
                gate.CancelledByClient.TrySetResult();
                throw;
            }
        }
        return JsonSerializer.Serialize(new { tool = name, input, ok = true });
    }

    public sealed class ToolGate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource CancelledByClient { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>An SDK client connected to a Quell MCP server, with a wire tap and helpers for the tools.</summary>
public sealed class QuellMcpSession : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public const string ProtocolVersion = "2025-11-25";

    private QuellMcpSession(McpClient client, WireTap tap, ConcurrentQueue<string> stderr)
    {
        Client = client;
        Tap = tap;
        Stderr = stderr;
    }

    public McpClient Client { get; }

    public WireTap Tap { get; }

    public ConcurrentQueue<string> Stderr { get; }

    /// <summary>Starts <c>quell mcp --data DIR</c> as a child process and connects to it over stdio.</summary>
    public static Task<QuellMcpSession> StartStdioAsync(string dataDirectory)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "quell",
            Command = "dotnet",
            Arguments = [QuellProcess.Dll, "mcp", "--data", dataDirectory],
            EnvironmentVariables = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            StandardErrorLines = stderr.Enqueue,
            // A client that leaves waits for its running jobs to be cancelled and recorded.
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        });
        return ConnectAsync(transport, stderr);
    }

    /// <summary>Connects to <c>/mcp</c> of a running server over Streamable HTTP.</summary>
    public static Task<QuellMcpSession> ConnectHttpAsync(Uri endpoint, string? apiKey)
    {
        var options = new HttpClientTransportOptions { Endpoint = endpoint, Name = "quell-http" };
        if (apiKey is not null) options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" };
        return ConnectAsync(new HttpClientTransport(options), new ConcurrentQueue<string>());
    }

    private static async Task<QuellMcpSession> ConnectAsync(IClientTransport transport, ConcurrentQueue<string> stderr)
    {
        var tap = new WireTap(transport);
        using var timeout = new CancellationTokenSource(Patience);
        // The revision the issue targets; the SDK's default is a later draft without ping.
        var options = new McpClientOptions { ProtocolVersion = ProtocolVersion };
        var client = await McpClient.CreateAsync(tap, options, cancellationToken: timeout.Token);
        return new QuellMcpSession(client, tap, stderr);
    }

    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        return await Client.CallToolAsync(tool, ToArguments(arguments), cancellationToken: timeout.Token);
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public async Task<JsonElement> CallJsonAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        Assert.True(result.IsError is not true, $"{tool} failed: {Text(result)}");
        return result.StructuredContent!.Value;
    }

    /// <summary>Polls <c>get_job</c> until the job is terminal.</summary>
    public async Task<JsonElement> WaitForTerminalAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var job = await CallJsonAsync("get_job", new { id = jobId });
            if (job.GetProperty("status").GetString() is "cancelled" or "completed" or "failed") return job;
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>
    /// Asserts that a cancelled call ends without a result, soon: either the server ended its HTTP POST without a
    /// reply (<see cref="McpException"/>), or the SDK's client stopped waiting on its own when the test sent
    /// <c>notifications/cancelled</c> through it (it cancels its pending request then). A hung call fails by timeout.
    /// </summary>
    public static async Task AssertEndsWithoutReplyAsync(Task call)
    {
        var ended = await Record.ExceptionAsync(() => call.WaitAsync(Patience));
        Assert.True(ended is McpException { Message: var m } && m.Contains("without a reply", StringComparison.Ordinal)
            || ended is OperationCanceledException, $"the cancelled call did not end without a reply: {ended}");
    }

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    public static IReadOnlyDictionary<string, object?>? ToArguments(object? arguments) =>
        arguments is null
            ? null
            : JsonSerializer.SerializeToElement(arguments).EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    public string StderrText => string.Join("\n", Stderr);

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Quell.Bench.Mcp;

// Logging is part of revision 2025-11-25, which the bench speaks; the SDK marks it obsolete for a later draft.
#pragma warning disable MCP9005

/// <summary>
/// One MCP server under test: a child process on stdio, driven by the SDK's own client. Calls go out through
/// <see cref="McpSession.SendRequestAsync(JsonRpcRequest, CancellationToken)"/> with a request id chosen here (it is
/// also the progress token), and a cancel is a <c>notifications/cancelled</c> sent here: the 2.3.1 client sends none
/// when a call's token is cancelled (see docs/mcp.md), so both servers get exactly the same message.
/// </summary>
internal sealed class BenchMcpServer : IAsyncDisposable
{
    private readonly McpClient _client;
    private readonly IAsyncDisposable _progressHandler;
    private IAsyncDisposable? _noticeHandler;
    private readonly ConcurrentDictionary<string, BenchCall> _calls = new();
    private readonly string _prefix;
    private long _next;

    private BenchMcpServer(string name, McpClient client, Process? process)
    {
        Name = name;
        Process = process;
        _prefix = name.ToLowerInvariant();
        _client = client;
        _progressHandler = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, OnProgressAsync);
    }

    public string Name { get; }

    /// <summary>The server's process, for its CPU time; null when it could not be found.</summary>
    public Process? Process { get; }

    /// <summary>Starts <c>dotnet DLL ARGS</c> and completes the MCP handshake (revision 2025-11-25).</summary>
    public static async Task<BenchMcpServer> StartAsync(string name, string dll, IReadOnlyList<string> args, Action<string> standardErrorLine)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = name,
            Command = "dotnet",
            Arguments = [dll, .. args],
            StandardErrorLines = standardErrorLine,
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" }).ConfigureAwait(false);
        return new BenchMcpServer(name, client, ChildProcesses.Find(dll));
    }

    /// <summary>Sends <c>tools/call analyze_csv {paths: [csvPath]}</c> with a progress token and returns at once.</summary>
    public BenchCall Start(string csvPath)
    {
        var id = $"{_prefix}-{Interlocked.Increment(ref _next)}";
        var call = new BenchCall(new RequestId(id));
        _calls[id] = call;
        var parameters = new CallToolRequestParams
        {
            Name = "analyze_csv",
            Arguments = new Dictionary<string, JsonElement> { ["paths"] = JsonSerializer.SerializeToElement(new[] { csvPath }) },
            Meta = new JsonObject { ["progressToken"] = id },
        };
        var request = new JsonRpcRequest
        {
            Id = call.Id,
            Method = RequestMethods.ToolsCall,
            Params = JsonSerializer.SerializeToNode(parameters, McpJsonUtilities.DefaultOptions),
        };
        call.StartedAt = Stopwatch.GetTimestamp();
        call.Response = SendAsync(call, request);
        return call;
    }

    /// <summary>
    /// Asks the server for log notifications at <c>notice</c> and up, and notes when the one that reports a cancelled
    /// request's job as stopped arrives (<see cref="BenchCall.CancelNotice"/>). Quell sends it once the job's terminal
    /// state is durable; the bare server has none.
    /// </summary>
    public async Task EnableCancelNoticesAsync()
    {
        await _client.SetLoggingLevelAsync(LoggingLevel.Notice).ConfigureAwait(false);
        _noticeHandler = _client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            var at = Stopwatch.GetTimestamp();
            if (notification.Params?["data"]?["requestId"]?.GetValue<string>() is { } id && _calls.TryGetValue(id, out var call))
            {
                call.CancelNotice.TrySetResult(at);
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Sends <c>notifications/cancelled</c> for the call; the caller takes t0 just before.</summary>
    public Task CancelAsync(BenchCall call, string reason) =>
        _client.SendNotificationAsync(
            NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = call.Id, Reason = reason },
            McpJsonUtilities.DefaultOptions);

    /// <summary>Stops waiting for the call's response and forgets it.</summary>
    public void Forget(BenchCall call)
    {
        call.Abandon.Cancel();
        _calls.TryRemove((string)call.Id.Id!, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _progressHandler.DisposeAsync().ConfigureAwait(false);
        if (_noticeHandler is not null) await _noticeHandler.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        Process?.Dispose();
    }

    private async Task<CallToolResult?> SendAsync(BenchCall call, JsonRpcRequest request)
    {
        try
        {
            var response = await _client.SendRequestAsync(request, call.Abandon.Token).ConfigureAwait(false);
            call.RespondedAt = Stopwatch.GetTimestamp();
            return response.Result.Deserialize<CallToolResult>(McpJsonUtilities.DefaultOptions);
        }
        catch (OperationCanceledException) when (call.Abandon.IsCancellationRequested)
        {
            return null;
        }
    }

    private ValueTask OnProgressAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        var value = notification.Params.Deserialize<ProgressNotificationParams>(McpJsonUtilities.DefaultOptions);
        if (value?.ProgressToken.Token is string token && _calls.TryGetValue(token, out var call)) call.OnProgress();
        return ValueTask.CompletedTask;
    }
}

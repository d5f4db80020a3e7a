using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Client;

/// <summary>
/// Starts tool calls on an SDK <see cref="McpClient"/> and keeps track of them by request id: progress (a running
/// maximum), status, cancel one or all with a reason the server sees, and timeouts (idle, re-armed by progress, and
/// a hard maximum) that cancel with reason <c>timeout</c>.
/// </summary>
/// <remarks>
/// Each call goes out through <see cref="McpSession.SendRequestAsync(JsonRpcRequest, CancellationToken)"/> with a
/// request id chosen here (a string, so it cannot collide with the SDK's numeric ids), because cancelling needs the
/// id and the SDK's <c>CallToolAsync</c> neither exposes it nor sends <c>notifications/cancelled</c> itself.
/// The request id doubles as the progress token. The manager does not own the client.
/// </remarks>
public sealed class McpOperationManager : IAsyncDisposable
{
    /// <summary>The reason sent for operations still running when the manager is disposed.</summary>
    public const string DisposeReason = "The MCP client is shutting down";

    private readonly McpClient _client;
    private readonly TimeProvider _time;
    private readonly string _prefix = $"quell-{Guid.NewGuid():N}"[..14];
    private readonly ConcurrentDictionary<RequestId, McpOperation> _operations = new();
    private readonly IAsyncDisposable _progressHandler;
    private long _next;

    /// <summary>Creates a manager for calls on <paramref name="client"/>.</summary>
    /// <param name="client">A connected client; the manager does not dispose it.</param>
    /// <param name="timeProvider">The clock of the timeouts; <see cref="TimeProvider.System"/> by default.</param>
    public McpOperationManager(McpClient client, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        _progressHandler = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, OnProgressAsync);
    }

    /// <summary>Every operation started, running or finished.</summary>
    public IReadOnlyCollection<McpOperation> Operations => [.. _operations.Values];

    /// <summary>The operation with this request id, or null.</summary>
    public McpOperation? Find(RequestId requestId) => _operations.GetValueOrDefault(requestId);

    /// <summary>
    /// Sends a <c>tools/call</c> with a progress token and returns at once; the operation's
    /// <see cref="McpOperation.Completion"/> tells when it ends.
    /// </summary>
    /// <param name="toolName">The tool to call.</param>
    /// <param name="arguments">The tool's arguments, as a JSON object; null for none.</param>
    /// <param name="progress">Receives progress that exceeds everything received before; null for none.</param>
    /// <param name="options">Timeouts; none by default.</param>
    public McpOperation Start(
        string toolName, JsonElement? arguments = null, IProgress<ProgressNotificationValue>? progress = null, McpOperationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolName);
        options ??= new McpOperationOptions();
        options.Validate();
        if (arguments is { ValueKind: not JsonValueKind.Object }) throw new ArgumentException("Tool arguments must be a JSON object.", nameof(arguments));

        var id = new RequestId($"{_prefix}-{Interlocked.Increment(ref _next)}");
        var operation = new McpOperation(_client, id, toolName, progress, options, _time);
        _operations[id] = operation;
        var request = new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = JsonSerializer.SerializeToNode(CallParams(toolName, arguments, id), McpJsonUtilities.DefaultOptions),
        };
        operation.Start();
        _ = RunAsync(operation, request);
        return operation;
    }

    /// <summary>Cancels the running operation with this request id; false when unknown or no longer running.</summary>
    /// <param name="requestId">The operation's request id.</param>
    /// <param name="reason">The reason the server sees.</param>
    /// <param name="cancellationToken">Cancels sending the notification.</param>
    public Task<bool> CancelAsync(RequestId requestId, string? reason = null, CancellationToken cancellationToken = default) =>
        Find(requestId) is { } operation ? operation.CancelAsync(reason, cancellationToken) : Task.FromResult(false);

    /// <summary>Cancels every running operation with <paramref name="reason"/>; returns how many it cancelled.</summary>
    /// <param name="reason">The reason the server sees.</param>
    /// <param name="cancellationToken">Cancels sending the notifications.</param>
    public async Task<int> CancelAllAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        var cancelled = await Task.WhenAll(_operations.Values.Select(o => o.CancelAsync(reason, cancellationToken))).ConfigureAwait(false);
        return cancelled.Count(c => c);
    }

    /// <summary>Cancels what still runs (<see cref="DisposeReason"/>) and stops listening for progress.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CancelAllAsync(DisposeReason).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is already gone; the server cancels a lost client's calls itself.
        }
        await _progressHandler.DisposeAsync().ConfigureAwait(false);
    }

    private static CallToolRequestParams CallParams(string toolName, JsonElement? arguments, RequestId id) => new()
    {
        Name = toolName,
        Arguments = arguments?.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        Meta = new JsonObject { ["progressToken"] = (string)id.Id! },
    };

    private async Task RunAsync(McpOperation operation, JsonRpcRequest request)
    {
        try
        {
            // Not the SDK's cancellation: over stdio it would send a second notifications/cancelled, without our
            // reason, which can reach the server first. The operation sends the one notification itself and stops
            // waiting here; the SDK's pending entry for the request (no response ever comes) ends with the session.
            var response = await _client.SendRequestAsync(request, CancellationToken.None)
                .WaitAsync(operation.AbandonToken).ConfigureAwait(false);
            var result = response.Result.Deserialize<CallToolResult>(McpJsonUtilities.DefaultOptions)
                ?? throw new McpException($"The server answered {request.Method} without a result.");
            operation.OnResponse(result);
        }
        catch (OperationCanceledException) when (operation.AbandonToken.IsCancellationRequested)
        {
            operation.OnAbandoned();
        }
        catch (Exception e)
        {
            operation.OnError(e);
        }
    }

    private ValueTask OnProgressAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        var value = notification.Params.Deserialize<ProgressNotificationParams>(McpJsonUtilities.DefaultOptions);
        if (value is not null && value.ProgressToken.Token is string token && Find(new RequestId(token)) is { } operation)
        {
            operation.OnProgress(value.Progress);
        }
        return ValueTask.CompletedTask;
    }
}

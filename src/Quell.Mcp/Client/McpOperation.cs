using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Client;

/// <summary>
/// One <c>tools/call</c> started by <see cref="McpOperationManager"/>: its request id, its highest progress so far,
/// its status, and the way to cancel it with a reason the server sees.
/// </summary>
/// <remarks>
/// The SDK's client (2.3.1) sends no <c>notifications/cancelled</c> when a request's token fires, so cancelling
/// sends the notification itself, for the request id it chose, and then stops waiting for the response (the spec
/// lets the server send none). A response that crosses the cancel is ignored: the operation stays cancelled.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The timers are disposed when the operation ends; the abandon source has no timer and needs no disposal.")]
public sealed class McpOperation
{
    private readonly McpClient _client;
    private readonly IProgress<ProgressNotificationValue>? _progress;
    private readonly McpOperationTimeouts _timeouts;
    private readonly CancellationTokenSource _abandon = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private McpOperationStatus _status = McpOperationStatus.Running;
    private ProgressNotificationValue? _latest;
    private CallToolResult? _result;
    private Exception? _error;
    private string? _cancellationReason;

    internal McpOperation(
        McpClient client, RequestId requestId, string toolName, IProgress<ProgressNotificationValue>? progress,
        McpOperationOptions options, TimeProvider time)
    {
        _client = client;
        RequestId = requestId;
        ToolName = toolName;
        _progress = progress;
        StartedAt = time.GetUtcNow();
        _timeouts = new McpOperationTimeouts(options, time, reason => _ = TimeOutAsync(reason));
    }

    /// <summary>The JSON-RPC id of the <c>tools/call</c> request; also its progress token.</summary>
    public RequestId RequestId { get; }

    /// <summary>The tool called.</summary>
    public string ToolName { get; }

    /// <summary>When the request was sent (by the manager's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The current status.</summary>
    public McpOperationStatus Status
    {
        get
        {
            lock (_gate) return _status;
        }
    }

    /// <summary>The highest progress received so far (a running maximum: the SDK may deliver notifications out of order).</summary>
    public ProgressNotificationValue? Progress
    {
        get
        {
            lock (_gate) return _latest;
        }
    }

    /// <summary>The tool's result, once the server answered (also for a tool error, <c>isError</c>).</summary>
    public CallToolResult? Result
    {
        get
        {
            lock (_gate) return _result;
        }
    }

    /// <summary>Why the call failed without a tool result: a JSON-RPC error or a broken connection.</summary>
    public Exception? Error
    {
        get
        {
            lock (_gate) return _error;
        }
    }

    /// <summary>The reason sent in <c>notifications/cancelled</c>, once cancelled or timed out.</summary>
    public string? CancellationReason
    {
        get
        {
            lock (_gate) return _cancellationReason;
        }
    }

    /// <summary>Completes (never faults) when the operation has left <see cref="McpOperationStatus.Running"/>.</summary>
    public Task Completion => _done.Task;

    /// <summary>
    /// Sends <c>notifications/cancelled</c> for this request with <paramref name="reason"/> and stops waiting for
    /// its response. Returns false, and sends nothing, when the operation is no longer running.
    /// </summary>
    /// <param name="reason">The reason the server sees (Quell records it as the job's cancellation message).</param>
    /// <param name="cancellationToken">
    /// Checked before anything changes. Once the notification is being written it is written whole: the SDK's stdio
    /// transport writes a message in two parts, and a write cut between them would garble the next message.
    /// </param>
    public Task<bool> CancelAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        CancelAsync(reason, McpOperationStatus.Cancelled, cancellationToken);

    internal CancellationToken AbandonToken => _abandon.Token;

    internal void Start() => _timeouts.Start();

    internal async Task<bool> CancelAsync(string? reason, McpOperationStatus status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_status != McpOperationStatus.Running) return false;
            _status = status;
            _cancellationReason = reason;
        }
        _timeouts.Dispose();
        try
        {
            var notification = new CancelledNotificationParams { RequestId = RequestId, Reason = reason };
            await _client.SendNotificationAsync(NotificationMethods.CancelledNotification, notification, cancellationToken: CancellationToken.None)
                .ConfigureAwait(false);
        }
        finally
        {
            // The server sends no response to a cancelled request: stop waiting for one.
            await _abandon.CancelAsync().ConfigureAwait(false);
            _done.TrySetResult();
        }
        return true;
    }

    internal void OnProgress(ProgressNotificationValue value)
    {
        lock (_gate)
        {
            if (_status != McpOperationStatus.Running) return;
            _timeouts.OnProgress();
            if (_latest is { } latest && value.Progress <= latest.Progress) return;
            _latest = value;
            // Under the lock, so the callback sees the running maximum in order (the SDK handles notifications concurrently).
            _progress?.Report(value);
        }
    }

    internal void OnResponse(CallToolResult result) =>
        Finish(result.IsError is true ? McpOperationStatus.Failed : McpOperationStatus.Completed, result, error: null);

    internal void OnError(Exception error) => Finish(McpOperationStatus.Failed, result: null, error);

    internal void OnAbandoned() => _done.TrySetResult();

    private void Finish(McpOperationStatus status, CallToolResult? result, Exception? error)
    {
        lock (_gate)
        {
            if (_status != McpOperationStatus.Running) return; // cancelled first: a response that crossed is ignored
            _status = status;
            _result = result;
            _error = error;
        }
        _timeouts.Dispose();
        _done.TrySetResult();
    }

    private async Task TimeOutAsync(string reason)
    {
        try
        {
            await CancelAsync(reason, McpOperationStatus.TimedOut, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A timer has no caller to throw to; the operation is timed out whether or not the notice got out.
            lock (_gate) _error ??= e;
        }
    }
}

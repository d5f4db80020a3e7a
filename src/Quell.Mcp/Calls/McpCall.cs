using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

/// <summary>
/// One in-flight <c>tools/call</c> that runs a job: which session and request it belongs to, the job it started,
/// and whether (and why) the client cancelled it. <see cref="Finish"/> marks the call finished.
/// </summary>
internal sealed class McpCall : IDisposable
{
    private readonly McpCallRegistry _registry;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _clientCancel = new();
    private readonly Lock _gate = new();
    private Task? _cancel;
    private volatile string? _jobId;
    private volatile string? _cancelReason;
    private volatile bool _cancelNotified;
    private bool _finished;

    public McpCall(McpCallRegistry registry, McpServer session, RequestId requestId, string owner)
    {
        _registry = registry;
        Session = session;
        RequestId = requestId;
        Owner = owner;
    }

    public McpServer Session { get; }

    public RequestId RequestId { get; }

    public string Owner { get; }

    /// <summary>The job the call started; null until it was submitted.</summary>
    public string? JobId
    {
        get => _jobId;
        set => _jobId = value;
    }

    /// <summary>True once the client sent <c>notifications/cancelled</c> for this request.</summary>
    public bool CancelNotified => _cancelNotified;

    /// <summary>The <c>reason</c> of that notification, when it had one.</summary>
    public string? CancelReason => _cancelReason;

    /// <summary>
    /// Fires when the client's <c>notifications/cancelled</c> for this request arrives. The SDK's own request token
    /// does not fire for it over stateful Streamable HTTP (2.3.1), so the call carries its own.
    /// </summary>
    public CancellationToken ClientCancelled => _clientCancel.Token;

    /// <summary>Completes when the call returned or threw (after its job reached a terminal state, if it started one).</summary>
    public Task Done => _done.Task;

    /// <summary>
    /// Records the client's cancel and holds back the response to this request. False when the call already
    /// finished: the response is on its way (or gone), and the cancel is ignored.
    /// </summary>
    public bool TryNoteCancelNotification(string? reason)
    {
        lock (_gate)
        {
            if (_finished || _cancelNotified) return false;
            _cancelReason = reason;
            _cancelNotified = true;
            _registry.SuppressResponse(this);
        }
        // Outside the lock: the runner's callbacks run inline. The call may finish meanwhile; then nobody listens.
        try
        {
            _clientCancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        return true;
    }

    /// <summary>
    /// Records a <c>user_requested</c> cancel of the call's job, once: later calls return the first attempt.
    /// Nothing happens before the job was submitted.
    /// </summary>
    public Task CancelJobAsync(IJobService jobs, string message)
    {
        lock (_gate)
        {
            if (_cancel is not null || JobId is not { } jobId) return _cancel ?? Task.CompletedTask;
            var request = new CancelRequest(Owner, CancellationReason.UserRequested, message, RequestedBy: Owner);
            // Durable first: the store records the request before the handler's token fires (see JobService).
            _cancel = jobs.CancelAsync(jobId, request, CancellationToken.None);
            return _cancel;
        }
    }

    /// <summary>
    /// Marks the call finished and removes it from the registry. <paramref name="responseFollows"/> is false when
    /// the SDK will send nothing for the request (its token fired), so there is no response left to hold back.
    /// </summary>
    public void Finish(bool responseFollows)
    {
        lock (_gate)
        {
            if (_finished) return;
            _finished = true;
            if (_cancelNotified && !responseFollows) _registry.ForgetSuppressedResponse(this);
        }
        _registry.Remove(this);
        _done.TrySetResult();
    }

    /// <summary>Finishes the call if nobody did (as if a response follows) and releases its token.</summary>
    public void Dispose()
    {
        Finish(responseFollows: true);
        _clientCancel.Dispose();
    }
}

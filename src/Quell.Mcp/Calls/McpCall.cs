using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

/// <summary>
/// One in-flight <c>tools/call</c> that runs a job: which session and request it belongs to, the job it started,
/// and why the client cancelled it. Disposing it marks the call finished.
/// </summary>
internal sealed class McpCall : IDisposable
{
    private readonly McpCallRegistry _registry;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task? _cancel;
    private volatile string? _jobId;

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
    public bool CancelNotified { get; private set; }

    /// <summary>The <c>reason</c> of that notification, when it had one.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>Completes when the call returned or threw (after its job reached a terminal state, if it started one).</summary>
    public Task Done => _done.Task;

    public void NoteCancelNotification(string? reason)
    {
        CancelReason = reason;
        CancelNotified = true;
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

    public void Dispose()
    {
        _registry.Remove(this);
        _done.TrySetResult();
    }
}

using System.Diagnostics;
using ModelContextProtocol.Protocol;

namespace Quell.Bench.Mcp;

/// <summary>One <c>tools/call</c> in flight: its request id (also its progress token) and what came back, with times.</summary>
internal sealed class BenchCall(RequestId id) : IDisposable
{
    private readonly TaskCompletionSource _firstProgress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _progressCount;
    private long _lastProgressAt;

    public RequestId Id { get; } = id;

    /// <summary>Stopwatch timestamp taken just before the request was written.</summary>
    public long StartedAt { get; set; }

    /// <summary>Stopwatch timestamp of the response, or 0.</summary>
    public long RespondedAt { get; set; }

    /// <summary>Cancelled to stop waiting for a response that, after a cancel, must not come.</summary>
    public CancellationTokenSource Abandon { get; } = new();

    /// <summary>The response: the tool's result, or null once abandoned.</summary>
    public Task<CallToolResult?> Response { get; set; } = Task.FromResult<CallToolResult?>(null);

    public Task FirstProgress => _firstProgress.Task;

    /// <summary>Completes with the Stopwatch timestamp at which the server's cancel notice (notifications/message) arrived.</summary>
    public TaskCompletionSource<long> CancelNotice { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ProgressCount => Volatile.Read(ref _progressCount);

    public long LastProgressAt => Volatile.Read(ref _lastProgressAt);

    public void OnProgress()
    {
        Volatile.Write(ref _lastProgressAt, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _progressCount);
        _firstProgress.TrySetResult();
    }

    public void Dispose() => Abandon.Dispose();
}

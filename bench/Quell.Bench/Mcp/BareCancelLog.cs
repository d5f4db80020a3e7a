using System.Collections.Concurrent;
using System.Globalization;

namespace Quell.Bench.Mcp;

/// <summary>
/// Collects the bare server's <c>bench-cancel EVENT REQUEST_ID TIMESTAMP</c> lines from its standard error. The
/// timestamps are the server's own <c>Stopwatch.GetTimestamp()</c> (CLOCK_MONOTONIC), so a line may arrive late
/// without skewing the measurement.
/// </summary>
internal sealed class BareCancelLog
{
    private readonly ConcurrentDictionary<(string Event, string Id), TaskCompletionSource<long>> _events = new();

    /// <summary>The server's other lines (its logs).</summary>
    public StderrTally Logs { get; } = new();

    public void OnLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length == 4 && parts[0] == "bench-cancel" && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at))
        {
            Slot(parts[1], parts[2]).TrySetResult(at);
            return;
        }
        Logs.OnLine(line);
    }

    /// <summary>The timestamp of EVENT for the request, once its line arrived.</summary>
    public Task<long> WaitAsync(string eventName, string requestId) => Slot(eventName, requestId).Task;

    private TaskCompletionSource<long> Slot(string eventName, string requestId) =>
        _events.GetOrAdd((eventName, requestId), _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}

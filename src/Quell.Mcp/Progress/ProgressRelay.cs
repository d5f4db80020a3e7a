using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Progress;

/// <summary>
/// Turns a job's progress events into <c>notifications/progress</c> for one request's progress token: strictly
/// increasing, at most one per <see cref="MinInterval"/>, and a final one at completion. Notifications are sent
/// and awaited one at a time, so they leave in order (the SDK's <c>IProgress</c> sends fire-and-forget).
/// </summary>
/// <remarks>
/// With a known total, progress is a percentage (total 100); below completion it stays under 100 so that the final
/// notification can still increase. <see cref="ProgressNotificationValue.Progress"/> is a float, so raw byte offsets
/// would lose precision. Without a total, progress is the job's own count.
/// </remarks>
internal sealed class ProgressRelay(McpServer session, ProgressToken token, TimeProvider time)
{
    /// <summary>About 20 notifications a second at most, the rate of the runtime's live progress.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);

    private const float BelowComplete = 99.9f;

    private float _last = float.NegativeInfinity;
    private long _lastSentAt;
    private bool _sentAny;
    private bool _percentMode;

    /// <summary>Relays one <c>job.progress</c> event's data, unless it does not increase or comes too soon.</summary>
    public async Task ReportAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (!TryRead(data, out var current, out var total, out var message)) return;
        float progress;
        float? reportedTotal = null;
        if (total is > 0)
        {
            _percentMode = true;
            progress = Math.Min((float)(current * 100.0 / total.Value), BelowComplete);
            reportedTotal = 100;
        }
        else
        {
            progress = current;
        }
        if (progress <= _last) return;
        var now = time.GetTimestamp();
        if (_sentAny && time.GetElapsedTime(_lastSentAt, now) < MinInterval) return;
        await SendAsync(progress, reportedTotal, message, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The final notification of a completed job: 100 of 100, or the job's final count.</summary>
    public async Task CompleteAsync(long? finalCount, string message, CancellationToken cancellationToken)
    {
        var (progress, total) = _percentMode || finalCount is null ? (100f, (float?)100f) : ((float)finalCount.Value, (float?)null);
        if (progress <= _last) progress = _last + 1; // strictly increasing, even if the job's count did not move
        await SendAsync(progress, total, message, time.GetTimestamp(), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(float progress, float? total, string? message, long now, CancellationToken cancellationToken)
    {
        _last = progress;
        _lastSentAt = now;
        _sentAny = true;
        var value = new ProgressNotificationValue { Progress = progress, Total = total, Message = message };
        await session.NotifyProgressAsync(token, value, options: null, cancellationToken).ConfigureAwait(false);
    }

    private static bool TryRead(JsonElement data, out long current, out long? total, out string? message)
    {
        current = 0;
        total = null;
        message = null;
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("current", out var c) || !c.TryGetInt64(out current))
        {
            return false;
        }
        if (data.TryGetProperty("total", out var t) && t.TryGetInt64(out var totalValue)) total = totalValue;
        if (data.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
        return true;
    }
}

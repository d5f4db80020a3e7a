namespace Quell.Mcp.Client;

/// <summary>
/// The two clocks of one operation, on a <see cref="TimeProvider"/>: an idle timeout that each progress notification
/// re-arms, and a hard maximum. Either fires once, with a reason that starts with <c>timeout</c>.
/// </summary>
internal sealed class McpOperationTimeouts(McpOperationOptions options, TimeProvider time, Action<string> onTimeout) : IDisposable
{
    private ITimer? _idle;
    private ITimer? _hard;
    private int _fired;

    public void Start()
    {
        if (options.IdleTimeout is { } idle)
        {
            _idle = time.CreateTimer(_ => Fire($"timeout: no progress for {Seconds(idle)}"), null, idle, Timeout.InfiniteTimeSpan);
        }
        if (options.MaxDuration is { } max)
        {
            _hard = time.CreateTimer(_ => Fire($"timeout: still running after {Seconds(max)}"), null, max, Timeout.InfiniteTimeSpan);
        }
    }

    public void OnProgress()
    {
        if (options.IdleTimeout is { } idle) _idle?.Change(idle, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _idle?.Dispose();
        _hard?.Dispose();
    }

    private void Fire(string reason)
    {
        if (Interlocked.Exchange(ref _fired, 1) == 0) onTimeout(reason);
    }

    private static string Seconds(TimeSpan span) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}

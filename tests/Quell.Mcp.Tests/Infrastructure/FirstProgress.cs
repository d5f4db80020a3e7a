using ModelContextProtocol;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>
/// Completes on the first progress notification whose value is above <paramref name="above"/>. A job's very first
/// report is often 0 ("started"), so a test that then asserts partial results waits for real work with <c>above: 0</c>.
/// </summary>
public sealed class FirstProgress(double above = double.NegativeInfinity) : IProgress<ProgressNotificationValue>
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task First => _first.Task;

    public void Report(ProgressNotificationValue value)
    {
        if (value.Progress > above) _first.TrySetResult();
    }
}

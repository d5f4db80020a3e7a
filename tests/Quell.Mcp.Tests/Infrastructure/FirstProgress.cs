using ModelContextProtocol;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that lets a test wait until progress has been reported.</summary>
public sealed class FirstProgress : IProgress<ProgressNotificationValue>
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task First => _first.Task;

    public void Report(ProgressNotificationValue value) => _first.TrySetResult();
}

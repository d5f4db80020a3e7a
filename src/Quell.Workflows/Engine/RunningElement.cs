using Quell.Agents.Runner;

namespace Quell.Workflows.Engine;

/// <summary>
/// A task element while it runs in this attempt: its own stop signal (never linked to the run's token, so a
/// non-cancellable task keeps running when the run is cancelled) and where it is in running → cancelling → finished.
/// </summary>
internal sealed class RunningElement(string id, bool cancellable, bool stopsWithRun) : IDisposable
{
    public const int Running = 0;
    public const int Cancelling = 1;
    public const int Finished = 2;

    public string Id { get; } = id;

    /// <summary>It has <c>allowCancellation</c>: an element cancel may stop it.</summary>
    public bool Cancellable { get; } = cancellable;

    /// <summary>Cancelling the whole run stops it (cancellable tasks, and user tasks that only wait).</summary>
    public bool StopsWithRun { get; } = stopsWithRun;

    public AgentCancellationSource Stop { get; } = new();

    /// <summary>Guarded by the execution's lock.</summary>
    public int State { get; set; } = Running;

    /// <summary>Completes once <c>task.cancelling</c> is durable, so <c>task.cancelled</c> never comes before it.</summary>
    public Task CancellingWritten { get; set; } = Task.CompletedTask;

    /// <summary>Completes once the element's last event is durable.</summary>
    public TaskCompletionSource FinalWritten { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => Stop.Dispose();
}

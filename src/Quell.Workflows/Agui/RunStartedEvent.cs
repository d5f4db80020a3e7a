namespace Quell.Workflows.Agui;

/// <summary><c>RUN_STARTED</c>: opens the run. Quell's run id is the AG-UI <c>runId</c>.</summary>
/// <param name="ThreadId">The conversation thread (the one the client sent, else the run id).</param>
/// <param name="RunId">The run (the <c>workflow.run</c> job's id).</param>
public sealed record RunStartedEvent(string ThreadId, string RunId) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.RunStarted;
}

namespace Quell.Workflows.Agui;

/// <summary><c>STEP_FINISHED</c>: a workflow element ended (completed, failed or cancelled: the state says which).</summary>
/// <param name="StepName">The element's id.</param>
public sealed record StepFinishedEvent(string StepName) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.StepFinished;
}

namespace Quell.Workflows.Agui;

/// <summary><c>STEP_STARTED</c>: a workflow element began.</summary>
/// <param name="StepName">The element's id.</param>
public sealed record StepStartedEvent(string StepName) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.StepStarted;
}

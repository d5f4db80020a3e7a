namespace Quell.Workflows.Agui;

/// <summary><c>STEP_FINISHED</c>: a workflow element ended (completed, failed or cancelled: the state says which).</summary>
/// <param name="StepName">The element's id.</param>
public sealed record StepFinishedEvent(string StepName) : AguiEvent
{
    /// <inheritdoc />
    public override string Type => AguiEventTypes.StepFinished;
}

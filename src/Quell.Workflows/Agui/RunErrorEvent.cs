namespace Quell.Workflows.Agui;

/// <summary><c>RUN_ERROR</c>: ends a run that failed (never sent for a cancellation).</summary>
/// <param name="Message">What went wrong, for a person.</param>
public sealed record RunErrorEvent(string Message) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.RunError;

    /// <summary>A short machine-readable code (<c>workflow_failed</c>, <c>run_failed</c>); omitted when there is none.</summary>
    public string? Code { get; init; }
}

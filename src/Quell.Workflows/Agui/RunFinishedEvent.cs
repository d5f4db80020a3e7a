using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary><c>RUN_FINISHED</c>: closes a run that did not fail; sent only after every message, tool call and step is closed.</summary>
/// <param name="ThreadId">The run's thread.</param>
/// <param name="RunId">The run.</param>
/// <param name="Outcome">Success or cancelled.</param>
public sealed record RunFinishedEvent(string ThreadId, string RunId, RunFinishedOutcome Outcome) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.RunFinished;

    /// <summary>What the run produced (Quell sends the workflow's outcome and reason); omitted when there is none.</summary>
    public JsonElement? Result { get; init; }
}

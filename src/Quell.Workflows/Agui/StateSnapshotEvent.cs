using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary><c>STATE_SNAPSHOT</c>: the run's whole state (variables and element states; see docs/agui.md).</summary>
/// <param name="Snapshot">The state document.</param>
public sealed record StateSnapshotEvent(JsonElement Snapshot) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.StateSnapshot;
}

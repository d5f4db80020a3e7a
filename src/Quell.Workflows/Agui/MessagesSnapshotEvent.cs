namespace Quell.Workflows.Agui;

/// <summary><c>MESSAGES_SNAPSHOT</c>: every message of the run so far, as the client would have built them live.</summary>
/// <param name="Messages">The messages, in the client's order.</param>
public sealed record MessagesSnapshotEvent(IReadOnlyList<AguiMessage> Messages) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.MessagesSnapshot;
}

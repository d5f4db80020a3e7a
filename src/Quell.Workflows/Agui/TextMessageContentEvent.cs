namespace Quell.Workflows.Agui;

/// <summary><c>TEXT_MESSAGE_CONTENT</c>: a chunk of a streamed message.</summary>
/// <param name="MessageId">The open message.</param>
/// <param name="Delta">The chunk (never empty).</param>
public sealed record TextMessageContentEvent(string MessageId, string Delta) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.TextMessageContent;
}

using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary><c>TEXT_MESSAGE_END</c>: a streamed message ended.</summary>
/// <param name="MessageId">The open message.</param>
public sealed record TextMessageEndEvent(string MessageId) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.TextMessageEnd;

    /// <summary>Merged into the message's metadata: <c>{"status": "complete" | "cancelled"}</c>.</summary>
    public JsonElement? Metadata { get; init; }
}

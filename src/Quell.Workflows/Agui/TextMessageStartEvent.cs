using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary><c>TEXT_MESSAGE_START</c>: a streamed message begins.</summary>
/// <param name="MessageId">The message's id (the one in <c>task.message.start</c>).</param>
/// <param name="Role">One of <c>assistant</c>, <c>user</c>, <c>system</c>, <c>developer</c>.</param>
public sealed record TextMessageStartEvent(string MessageId, string Role) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.TextMessageStart;

    /// <summary>Merged into the message's metadata by the client: Quell puts the element id and the model here.</summary>
    public JsonElement? Metadata { get; init; }
}

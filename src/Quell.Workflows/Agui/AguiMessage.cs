using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary>
/// A message as AG-UI models it (<c>MessageSchema</c>), in the shapes Quell sends: a text message (<c>assistant</c>,
/// <c>user</c>, <c>system</c>, <c>developer</c>) with <see cref="Content"/>, an assistant message that carries
/// <see cref="ToolCalls"/>, or a <c>tool</c> message with <see cref="ToolCallId"/>. Unset fields are omitted.
/// </summary>
/// <param name="Id">The message's id.</param>
/// <param name="Role">Its role.</param>
public sealed record AguiMessage(string Id, string Role)
{
    /// <summary>The text (for a tool message, the result text); omitted on an assistant message made only of tool calls.</summary>
    public string? Content { get; init; }

    /// <summary>The calls an assistant message made.</summary>
    public IReadOnlyList<AguiToolCall>? ToolCalls { get; init; }

    /// <summary>For a tool message: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Open metadata, merged key by key from the events that built the message.</summary>
    public JsonElement? Metadata { get; init; }
}

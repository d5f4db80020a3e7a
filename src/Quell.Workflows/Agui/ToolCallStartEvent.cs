namespace Quell.Workflows.Agui;

/// <summary><c>TOOL_CALL_START</c>: a tool call begins.</summary>
/// <param name="ToolCallId">The call's id.</param>
/// <param name="ToolCallName">The tool's name.</param>
public sealed record ToolCallStartEvent(string ToolCallId, string ToolCallName) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.ToolCallStart;

    /// <summary>The assistant message that made the call; omitted when there is none.</summary>
    public string? ParentMessageId { get; init; }
}

namespace Quell.Workflows.Agui;

/// <summary><c>TOOL_CALL_END</c>: the call's arguments are complete; the tool runs until its <c>TOOL_CALL_RESULT</c>.</summary>
/// <param name="ToolCallId">The open call.</param>
public sealed record ToolCallEndEvent(string ToolCallId) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.ToolCallEnd;
}

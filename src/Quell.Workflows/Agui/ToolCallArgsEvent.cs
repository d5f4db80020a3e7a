namespace Quell.Workflows.Agui;

/// <summary><c>TOOL_CALL_ARGS</c>: the call's arguments as JSON text (Quell sends them whole, in one event).</summary>
/// <param name="ToolCallId">The open call.</param>
/// <param name="Delta">JSON text.</param>
public sealed record ToolCallArgsEvent(string ToolCallId, string Delta) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.ToolCallArgs;
}

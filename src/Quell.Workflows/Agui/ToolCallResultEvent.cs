namespace Quell.Workflows.Agui;

/// <summary><c>TOOL_CALL_RESULT</c>: what a tool returned, which the client keeps as a <c>tool</c> message.</summary>
/// <param name="MessageId">The tool message's id (<c>{toolCallId}:result</c>).</param>
/// <param name="ToolCallId">The call it answers.</param>
/// <param name="Content">The result as text: its JSON, or for a failed or cancelled call a JSON object saying so.</param>
public sealed record ToolCallResultEvent(string MessageId, string ToolCallId, string Content) : AguiEvent
{
    /// <inheritdoc />
    private protected override string EventType => AguiEventTypes.ToolCallResult;

    /// <summary>Always <c>tool</c>.</summary>
    public string Role { get; init; } = "tool";
}

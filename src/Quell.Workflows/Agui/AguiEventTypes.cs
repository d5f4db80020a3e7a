namespace Quell.Workflows.Agui;

/// <summary>
/// The AG-UI event types Quell sends, spelled exactly as AG-UI 1.0 spells them (<c>@ag-ui/core</c>'s
/// <c>EventType</c>). The official client drops a type it does not know, so nothing else is ever sent.
/// </summary>
public static class AguiEventTypes
{
    /// <summary>Opens a run; always the first event of a stream.</summary>
    public const string RunStarted = "RUN_STARTED";

    /// <summary>Closes a run that did not fail (outcome success or cancelled).</summary>
    public const string RunFinished = "RUN_FINISHED";

    /// <summary>Ends a run that failed.</summary>
    public const string RunError = "RUN_ERROR";

    /// <summary>Opens a step: one per workflow element, named after its id.</summary>
    public const string StepStarted = "STEP_STARTED";

    /// <summary>Closes a step.</summary>
    public const string StepFinished = "STEP_FINISHED";

    /// <summary>Opens a streamed text message.</summary>
    public const string TextMessageStart = "TEXT_MESSAGE_START";

    /// <summary>Appends a chunk to a streamed text message.</summary>
    public const string TextMessageContent = "TEXT_MESSAGE_CONTENT";

    /// <summary>Closes a streamed text message.</summary>
    public const string TextMessageEnd = "TEXT_MESSAGE_END";

    /// <summary>Opens a tool call.</summary>
    public const string ToolCallStart = "TOOL_CALL_START";

    /// <summary>Carries (a fragment of) a tool call's arguments as JSON text.</summary>
    public const string ToolCallArgs = "TOOL_CALL_ARGS";

    /// <summary>Closes a tool call: its arguments are complete.</summary>
    public const string ToolCallEnd = "TOOL_CALL_END";

    /// <summary>What a tool returned, as a tool message.</summary>
    public const string ToolCallResult = "TOOL_CALL_RESULT";

    /// <summary>Replaces the shared state wholesale.</summary>
    public const string StateSnapshot = "STATE_SNAPSHOT";

    /// <summary>Replaces the conversation's messages wholesale (used when re-attaching).</summary>
    public const string MessagesSnapshot = "MESSAGES_SNAPSHOT";

    /// <summary>An application event: Quell's own events that AG-UI has no counterpart for, named after them.</summary>
    public const string Custom = "CUSTOM";
}

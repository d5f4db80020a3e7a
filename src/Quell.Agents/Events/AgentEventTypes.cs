namespace Quell.Agents.Events;

/// <summary>
/// The events an agentic task or an <c>llm.generate</c> job adds to its job's history (through
/// <c>IJobContext.EmitAsync</c>). Data is camelCase JSON; every payload carries <c>elementId</c> when the work runs
/// as a workflow element and omits it otherwise. Replay rebuilds messages and tool calls from these alone, so
/// nothing shown live is kept anywhere else.
/// </summary>
public static class AgentEventTypes
{
    /// <summary>A streamed assistant message begins: <c>{elementId?, messageId, role, model: {provider, name, scripted}}</c>.</summary>
    public const string MessageStart = "task.message.start";

    /// <summary>A chunk of streamed text: <c>{elementId?, messageId, delta}</c> (never empty).</summary>
    public const string MessageDelta = "task.message.delta";

    /// <summary>The message ended: <c>{elementId?, messageId, status: "complete" | "cancelled"}</c>.</summary>
    public const string MessageEnd = "task.message.end";

    /// <summary>
    /// A tool call starts: <c>{elementId?, toolCallId, tool, arguments, index, parentMessageId?}</c>; <c>index</c>
    /// counts the task's tool calls from 1.
    /// </summary>
    public const string ToolStart = "task.tool.start";

    /// <summary>
    /// A tool call ended: <c>{elementId?, toolCallId, tool, index, status: "complete" | "failed" | "cancelled",
    /// result?, error?}</c>.
    /// </summary>
    public const string ToolEnd = "task.tool.end";

    /// <summary>A failed model call will be retried: <c>{elementId?, attempt, delayMs, error}</c>.</summary>
    public const string Retry = "task.retry";

    /// <summary>
    /// A safe point where the task checked for cancellation: <c>{elementId?, name, detail?}</c>, <c>name</c> one of
    /// <c>between_chunks</c>, <c>before_tool</c>, <c>after_tool</c>, <c>between_retries</c>.
    /// </summary>
    public const string Checkpoint = "task.checkpoint";

    /// <summary>Token usage so far: <c>{elementId?, inputTokens, outputTokens, totalTokens}</c>.</summary>
    public const string Usage = "task.usage";
}

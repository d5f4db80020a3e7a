using Quell.Agents.Events;
using Quell.Events;
using Quell.Workflows.Events;

namespace Quell.Workflows.Runs;

/// <summary>One line for people about one event of a run, for replay timelines.</summary>
internal static class TimelineSummary
{
    public static string Of(JobEvent e)
    {
        var d = e.Data;
        var element = d.String("elementId");
        return e.Type switch
        {
            WorkflowEventTypes.RunStarted => $"Run of {d.String("workflowId")} started",
            WorkflowEventTypes.RunFinished => $"Run finished: {d.String("outcome")}" + (d.String("reason") is { } r ? $" ({r})" : ""),
            WorkflowEventTypes.ElementStarted => $"{d.String("elementType")} {element} started",
            WorkflowEventTypes.ElementCompleted => $"{element} completed",
            WorkflowEventTypes.ElementFailed => $"{element} failed: {d.String("error")}",
            WorkflowEventTypes.GatewayEvaluated => $"{element} took {string.Join(", ", (d.Element("flows")?.EnumerateArray() ?? default).Select(f => f.GetString()))}",
            WorkflowEventTypes.UserTaskWaiting => $"{element} waits for input",
            WorkflowEventTypes.UserTaskCompleted => $"{element} got its input",
            WorkflowEventTypes.TaskCancellable => $"{element} can be cancelled",
            WorkflowEventTypes.TaskCancelRequest => $"Cancel of {element} requested: {d.String("message")}",
            WorkflowEventTypes.TaskCancelling => $"{element} is stopping",
            WorkflowEventTypes.TaskCancelled => $"{element} cancelled: {d.String("message") ?? d.String("reason")}",
            WorkflowEventTypes.TaskCancelFailed => $"Cancel of {element} failed: {d.String("error")}",
            AgentEventTypes.MessageStart => $"{element} started a message",
            AgentEventTypes.MessageDelta => $"{element} streamed {d.String("delta")?.Length ?? 0} characters",
            AgentEventTypes.MessageEnd => $"{element} message {d.String("status")}",
            AgentEventTypes.ToolStart => $"{element} calls tool #{d.Int64("index")} ({d.String("tool")})",
            AgentEventTypes.ToolEnd => $"{element} tool #{d.Int64("index")} ({d.String("tool")}) {d.String("status")}",
            AgentEventTypes.Retry => $"{element} retries (attempt {d.Int64("attempt")}): {d.String("error")}",
            AgentEventTypes.Checkpoint => $"{element} checkpoint {d.String("name")}",
            AgentEventTypes.Usage => $"{element} used {d.Int64("totalTokens")} tokens",
            _ => e.Type,
        };
    }
}

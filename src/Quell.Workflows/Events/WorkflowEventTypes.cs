namespace Quell.Workflows.Events;

/// <summary>
/// The events a workflow run adds to its <c>workflow.run</c> job's history, besides the runtime's <c>job.*</c>
/// events and the agent events of its agentic tasks (<c>Quell.Agents.Events.AgentEventTypes</c>, with
/// <c>elementId</c>). Data is camelCase JSON. The <c>task.cancel*</c> names are the ones users of seed 001 know.
/// </summary>
public static class WorkflowEventTypes
{
    /// <summary>The run began: <c>{workflowId, workflowName, format, variables, threadId?}</c>.</summary>
    public const string RunStarted = "workflow.started";

    /// <summary>The run ended: <c>{outcome: "success" | "failed" | "cancelled", reason?}</c>.</summary>
    public const string RunFinished = "workflow.finished";

    /// <summary>An element began: <c>{elementId, elementType, name, childJobId?}</c>.</summary>
    public const string ElementStarted = "workflow.element.started";

    /// <summary>An element finished: <c>{elementId, output?}</c>.</summary>
    public const string ElementCompleted = "workflow.element.completed";

    /// <summary>An element failed: <c>{elementId, error}</c>.</summary>
    public const string ElementFailed = "workflow.element.failed";

    /// <summary>An exclusive or parallel gateway chose its outgoing flows: <c>{elementId, flows: [flowId…]}</c>.</summary>
    public const string GatewayEvaluated = "workflow.gateway.evaluated";

    /// <summary>A user task waits for input over the API: <c>{elementId, prompt?}</c>.</summary>
    public const string UserTaskWaiting = "workflow.usertask.waiting";

    /// <summary>A user task got its input: <c>{elementId, input}</c>.</summary>
    public const string UserTaskCompleted = "workflow.usertask.completed";

    /// <summary>A running task with <c>allowCancellation</c> can be cancelled from now on: <c>{elementId}</c>.</summary>
    public const string TaskCancellable = "task.cancellable";

    /// <summary>A cancel of one task was asked for (durable first): <c>{elementId, reason, message, requestedBy?}</c>.</summary>
    public const string TaskCancelRequest = "task.cancel.request";

    /// <summary>The task saw the request and is stopping at its next checkpoint: <c>{elementId, reason, message}</c>.</summary>
    public const string TaskCancelling = "task.cancelling";

    /// <summary>
    /// The task stopped: <c>{elementId, reason, message, partialResult}</c>; for an agentic task the partial result
    /// is <c>{partial_response, tokens_used, tool_results, status: "cancelled", reason}</c> (seed 001's shape).
    /// </summary>
    public const string TaskCancelled = "task.cancelled";

    /// <summary>
    /// A cancel could not take effect: <c>{elementId, error}</c>, <c>error</c> being "Task already completed" or
    /// "Task is not cancellable" (seed 001's messages).
    /// </summary>
    public const string TaskCancelFailed = "task.cancel.failed";
}

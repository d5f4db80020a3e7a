using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Agents.Events;
using Quell.Events;
using Quell.Workflows.Events;

namespace Quell.Workflows.Tests.Agui;

/// <summary>Builds a hand-made history of a <c>workflow.run</c> job: increasing seqs, one second apart.</summary>
internal sealed class RunHistory(string runId = "run-1")
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly List<JobEvent> _events = [];

    public string RunId { get; } = runId;
    public IReadOnlyList<JobEvent> Events => _events;

    public RunHistory Add(string type, object? data = null, string? elementId = null, string? jobId = null)
    {
        var node = data is null ? new JsonObject() : JsonSerializer.SerializeToNode(data, data.GetType(), JsonSerializerOptions.Web)!;
        if (elementId is not null && node is JsonObject obj && !obj.ContainsKey("elementId"))
        {
            var withId = new JsonObject { ["elementId"] = elementId };
            foreach (var (k, v) in obj) withId[k] = v?.DeepClone();
            node = withId;
        }
        var seq = _events.Count + 1;
        _events.Add(new JobEvent(seq, jobId ?? RunId, type, Origin.AddSeconds(seq), JsonSerializer.SerializeToElement(node), RunId, elementId));
        return this;
    }

    public RunHistory Created() => Add(JobEventTypes.Created, new { type = "workflow.run", owner = "local" });
    public RunHistory JobStarted() => Add(JobEventTypes.Started, new { attempt = 1, nodeId = "node-1" });

    public RunHistory WorkflowStarted(object? variables = null, string? threadId = "thread-1") =>
        Add(WorkflowEventTypes.RunStarted, new { workflowId = "feedback-analysis", workflowName = "Feedback analysis", format = "yaml", variables = variables ?? new { }, threadId });

    public RunHistory ElementStarted(string id, string type = "agenticTask") =>
        Add(WorkflowEventTypes.ElementStarted, new { elementType = type, name = id.Replace('_', ' ') }, id);

    public RunHistory ElementCompleted(string id, object? output = null) => Add(WorkflowEventTypes.ElementCompleted, new { output }, id);
    public RunHistory ElementFailed(string id, string error) => Add(WorkflowEventTypes.ElementFailed, new { error }, id);
    public RunHistory Gateway(string id, params string[] flows) => Add(WorkflowEventTypes.GatewayEvaluated, new { flows }, id);

    public RunHistory MessageStart(string elementId, string messageId) =>
        Add(AgentEventTypes.MessageStart, new { messageId, role = "assistant", model = new { provider = "scripted", name = "scripted-1", scripted = true } }, elementId);

    public RunHistory Delta(string elementId, string messageId, string delta) => Add(AgentEventTypes.MessageDelta, new { messageId, delta }, elementId);
    public RunHistory MessageEnd(string elementId, string messageId, string status = "complete") => Add(AgentEventTypes.MessageEnd, new { messageId, status }, elementId);

    public RunHistory ToolStart(string elementId, string toolCallId, string tool, int index, object? arguments = null, string? parentMessageId = null) =>
        Add(AgentEventTypes.ToolStart, new { toolCallId, tool, arguments = arguments ?? new { }, index, parentMessageId }, elementId);

    public RunHistory ToolEnd(string elementId, string toolCallId, string tool, int index, string status = "complete", object? result = null, string? error = null) =>
        Add(AgentEventTypes.ToolEnd, new { toolCallId, tool, index, status, result, error }, elementId);

    public RunHistory Checkpoint(string elementId, string name) => Add(AgentEventTypes.Checkpoint, new { name }, elementId);
    public RunHistory Cancellable(string elementId) => Add(WorkflowEventTypes.TaskCancellable, new { }, elementId);

    public RunHistory CancelRequest(string elementId, string reason = "user_requested", string message = "User requested cancellation") =>
        Add(WorkflowEventTypes.TaskCancelRequest, new { reason, message }, elementId);

    public RunHistory Cancelling(string elementId) =>
        Add(WorkflowEventTypes.TaskCancelling, new { reason = "user_requested", message = "User requested cancellation" }, elementId);

    public RunHistory TaskCancelled(string elementId, object partialResult) =>
        Add(WorkflowEventTypes.TaskCancelled, new { reason = "user_requested", message = "User requested cancellation", partialResult }, elementId);

    public RunHistory CancelFailed(string elementId, string error) => Add(WorkflowEventTypes.TaskCancelFailed, new { error }, elementId);
    public RunHistory WorkflowFinished(string outcome, string? reason = null) => Add(WorkflowEventTypes.RunFinished, new { outcome, reason });
    public RunHistory JobCompleted(object? result = null) => Add(JobEventTypes.Completed, new { result });
    public RunHistory JobFailed(string error) => Add(JobEventTypes.Failed, new { error });

    public RunHistory JobCancelRequested() =>
        Add(JobEventTypes.CancelRequested, new { reason = "user_requested", message = "Stop the run", requestedBy = "local" });

    public RunHistory JobCancelled() => Add(JobEventTypes.Cancelled, new { reason = "user_requested", message = "Stop the run" });
}

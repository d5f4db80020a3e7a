using System.Text;
using System.Text.Json;
using Quell.Agents.Events;
using Quell.Events;
using Quell.Workflows.Events;

namespace Quell.Workflows.Runs;

/// <summary>
/// Folds a run's events, one at a time and in order, into a <see cref="RunView"/>. The live view and the replay
/// use this one fold, so they cannot disagree about what the events mean. Transient events (live progress) and
/// events already applied (by sequence number) are ignored, so a watcher may feed history and live events that
/// overlap.
/// </summary>
public sealed class RunProjection
{
    private readonly List<ElementState> _elements = [];
    private readonly Dictionary<string, ElementState> _elementsById = new(StringComparer.Ordinal);
    private readonly List<MessageState> _messages = [];
    private readonly Dictionary<string, MessageState> _messagesById = new(StringComparer.Ordinal);
    private readonly List<ToolCallState> _toolCalls = [];
    private readonly Dictionary<string, ToolCallState> _toolCallsById = new(StringComparer.Ordinal);
    private string _status = "pending";
    private string? _outcome;
    private string? _workflowId;
    private string? _workflowName;
    private JsonElement? _variables;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;

    /// <summary>Creates an empty projection of run <paramref name="runId"/>.</summary>
    public RunProjection(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        RunId = runId;
    }

    /// <summary>The run's id.</summary>
    public string RunId { get; }

    /// <summary>The sequence number of the last stored event applied.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The run rebuilt from its stored events alone.</summary>
    public static RunView Replay(string runId, IEnumerable<JobEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var projection = new RunProjection(runId);
        foreach (var e in events) projection.Apply(e);
        return projection.View();
    }

    /// <summary>Applies one event; returns false when it was transient, foreign or already applied.</summary>
    public bool Apply(JobEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsTransient || e.Seq <= LastSeq || e.JobId != RunId) return false;
        LastSeq = e.Seq;
        ApplyRunEvent(e);
        if (ElementOf(e) is { } element) ApplyElementEvent(e, element);
        return true;
    }

    /// <summary>The run as the events applied so far tell it.</summary>
    public RunView View() => new(
        RunId, _workflowId, _workflowName, _status, _outcome, _variables,
        [.. _elements.Select(element => element.View())],
        [.. _messages.Select(message => message.View())],
        [.. _toolCalls.Select(call => call.View())],
        LastSeq, _startedAt, _finishedAt);

    /// <summary>The element's current state, or null if it has not started.</summary>
    public ElementView? Element(string elementId) =>
        _elementsById.TryGetValue(elementId, out var element) ? element.View() : null;

    private void ApplyRunEvent(JobEvent e)
    {
        switch (e.Type)
        {
            case JobEventTypes.Started:
                _status = "running";
                _startedAt ??= e.Time;
                break;
            case JobEventTypes.CancelRequested or JobEventTypes.Cancelling when !IsTerminal(_status):
                _status = "cancelling";
                break;
            case JobEventTypes.Completed:
                Finish("completed", e.Time);
                break;
            case JobEventTypes.Failed:
                Finish("failed", e.Time);
                _outcome ??= "failed";
                break;
            case JobEventTypes.Cancelled:
                Finish("cancelled", e.Time);
                _outcome ??= "cancelled";
                break;
            case JobEventTypes.Requeued:
                _status = "pending";
                break;
            case WorkflowEventTypes.RunStarted:
                _workflowId = e.Data.String("workflowId");
                _workflowName = e.Data.String("workflowName");
                _variables = e.Data.Element("variables");
                break;
            case WorkflowEventTypes.RunFinished:
                _outcome = e.Data.String("outcome");
                break;
        }
    }

    private void Finish(string status, DateTimeOffset time)
    {
        _status = status;
        _finishedAt = time;
    }

    private ElementState? ElementOf(JobEvent e)
    {
        if (e.Data.ValueKind != JsonValueKind.Object || e.Data.String("elementId") is not { } elementId) return null;
        if (e.Type == WorkflowEventTypes.ElementStarted)
        {
            // A run resumed after a restart starts an unfinished element again: the new attempt replaces the old.
            var started = new ElementState(elementId);
            if (_elementsById.TryGetValue(elementId, out var previous)) _elements.Remove(previous);
            _elementsById[elementId] = started;
            _elements.Add(started);
            return started;
        }
        return _elementsById.GetValueOrDefault(elementId);
    }

    private void ApplyElementEvent(JobEvent e, ElementState element)
    {
        var data = e.Data;
        switch (e.Type)
        {
            case WorkflowEventTypes.ElementStarted:
                element.Type = data.String("elementType");
                element.Name = data.String("name");
                element.ChildJobId = data.String("childJobId");
                element.StartedAt = e.Time;
                break;
            case WorkflowEventTypes.ElementCompleted:
                element.End("completed", e.Time);
                element.Output = data.Element("output");
                break;
            case WorkflowEventTypes.ElementFailed:
                element.End("failed", e.Time);
                element.Error = data.String("error");
                break;
            case WorkflowEventTypes.UserTaskWaiting:
                element.Status = "waiting";
                break;
            case WorkflowEventTypes.UserTaskCompleted:
                element.Status = "running";
                break;
            case WorkflowEventTypes.TaskCancellable when !element.IsFinished:
                element.Cancellable = true;
                break;
            case WorkflowEventTypes.TaskCancelRequest:
                element.CancelRequest ??= new ElementCancelRequest(
                    data.String("reason") ?? "user_requested", data.String("message"), data.String("requestedBy"), e.Time);
                break;
            case WorkflowEventTypes.TaskCancelling when !element.IsFinished:
                element.Status = "cancelling";
                break;
            case WorkflowEventTypes.TaskCancelled:
                element.End("cancelled", e.Time);
                element.PartialResult = data.Element("partialResult");
                CloseOpenWork(element.Id, data.String("message") ?? data.String("reason"));
                break;
            case AgentEventTypes.MessageStart:
                StartMessage(element.Id, data, e.Time);
                break;
            case AgentEventTypes.MessageDelta when _messagesById.TryGetValue(data.String("messageId") ?? "", out var message):
                message.Content.Append(data.String("delta"));
                break;
            case AgentEventTypes.MessageEnd when _messagesById.TryGetValue(data.String("messageId") ?? "", out var message):
                message.Status = data.String("status") ?? "complete";
                message.Cancelled = message.Status == "cancelled";
                break;
            case AgentEventTypes.ToolStart:
                StartToolCall(element.Id, data);
                break;
            case AgentEventTypes.ToolEnd when _toolCallsById.TryGetValue(data.String("toolCallId") ?? "", out var call):
                call.Status = data.String("status") ?? "complete";
                call.Result = data.Element("result");
                call.Error = data.String("error");
                break;
            case AgentEventTypes.Usage:
                element.TokensUsed = data.Int64("totalTokens") ?? element.TokensUsed;
                break;
        }
    }

    private void StartMessage(string elementId, JsonElement data, DateTimeOffset time)
    {
        if (data.String("messageId") is not { } id || _messagesById.ContainsKey(id)) return;
        var message = new MessageState(id, elementId, data.String("role") ?? "assistant", time, data.Element("model"));
        _messagesById[id] = message;
        _messages.Add(message);
    }

    private void StartToolCall(string elementId, JsonElement data)
    {
        if (data.String("toolCallId") is not { } id || _toolCallsById.ContainsKey(id)) return;
        var call = new ToolCallState(id, elementId, data.String("tool") ?? "", (int)(data.Int64("index") ?? 0), data.Element("arguments"));
        _toolCallsById[id] = call;
        _toolCalls.Add(call);
    }

    // A cancelled task leaves nothing streaming or running behind it.
    private void CloseOpenWork(string elementId, string? reason)
    {
        foreach (var message in _messages.Where(m => m.ElementId == elementId && m.Status == "streaming"))
        {
            message.Status = "cancelled";
            message.Cancelled = true;
        }
        foreach (var message in _messages.Where(m => m.ElementId == elementId && m.Cancelled)) message.CancellationReason ??= reason;
        foreach (var call in _toolCalls.Where(c => c.ElementId == elementId && c.Status == "running")) call.Status = "cancelled";
    }

    private static bool IsTerminal(string status) => status is "completed" or "failed" or "cancelled";

    private sealed class ElementState(string id)
    {
        public string Id { get; } = id;
        public string? Type { get; set; }
        public string? Name { get; set; }
        public string Status { get; set; } = "running";
        public bool Cancellable { get; set; }
        public ElementCancelRequest? CancelRequest { get; set; }
        public JsonElement? Output { get; set; }
        public JsonElement? PartialResult { get; set; }
        public string? Error { get; set; }
        public long TokensUsed { get; set; }
        public string? ChildJobId { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public bool IsFinished => IsTerminal(Status);

        public void End(string status, DateTimeOffset time)
        {
            Status = status;
            Cancellable = false;
            FinishedAt = time;
        }

        public ElementView View() => new(
            Id, Type, Name, Status, Cancellable, CancelRequest, Output, PartialResult, Error, TokensUsed, ChildJobId,
            StartedAt, FinishedAt);
    }

    private sealed class MessageState(string id, string elementId, string role, DateTimeOffset time, JsonElement? model)
    {
        public string ElementId { get; } = elementId;
        public StringBuilder Content { get; } = new();
        public string Status { get; set; } = "streaming";
        public bool Cancelled { get; set; }
        public string? CancellationReason { get; set; }

        public MessageView View() =>
            new(id, ElementId, role, Content.ToString(), Status, time, Cancelled, CancellationReason, model);
    }

    private sealed class ToolCallState(string id, string elementId, string tool, int index, JsonElement? arguments)
    {
        public string ElementId { get; } = elementId;
        public string Status { get; set; } = "running";
        public JsonElement? Result { get; set; }
        public string? Error { get; set; }

        public ToolCallView View() => new(id, ElementId, tool, index, arguments, Status, Result, Error);
    }
}

using System.Text.Json;
using Quell.Workflows.Events;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Engine;

internal sealed partial class WorkflowExecution
{
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _userInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ElementCancelRequest> _pendingCancels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _childJobIds = new(StringComparer.Ordinal);

    /// <summary>Reads the run's history so far: the projection, and any user task input already given.</summary>
    private async Task<RunProjection> ReadHistoryAsync()
    {
        var projection = new RunProjection(RunId);
        while (true)
        {
            var page = await _jobs.ReadEventsAsync(RunId, null, projection.LastSeq, 1000).ConfigureAwait(false);
            if (page is null || page.Count == 0) return projection;
            foreach (var e in page)
            {
                if (!projection.Apply(e)) continue;
                if (e.Type == WorkflowEventTypes.UserTaskCompleted && e.Data.String("elementId") is { } id)
                {
                    UserInput(id).TrySetResult(e.Data.Element("input") ?? default);
                }
            }
            if (page.Count < 1000) return projection;
        }
    }

    /// <summary>
    /// Takes over what an earlier attempt finished: completed elements keep their outputs and are not run again,
    /// cancelled ones stay cancelled, and a cancel asked for a task that was running applies as soon as it restarts.
    /// </summary>
    private void Restore(RunView view)
    {
        foreach (var element in view.Elements)
        {
            if (element.Status is "completed" or "failed" or "cancelled") _recorded[element.ElementId] = element;
            else
            {
                if (element.CancelRequest is { } request) _pendingCancels[element.ElementId] = request;
                if (element.ChildJobId is { } child) _childJobIds[element.ElementId] = child;
            }
        }
    }

    /// <summary>
    /// Closes what the dead attempt left open (a message mid-stream, a tool call in flight), so views and AG-UI
    /// streams never show them running forever; the restarted element streams a new message.
    /// </summary>
    private async Task CloseInterruptedWorkAsync(RunView view)
    {
        var restarted = view.Elements.Where(e => e.Status is not ("completed" or "failed" or "cancelled")).Select(e => e.ElementId).ToHashSet(StringComparer.Ordinal);
        foreach (var message in view.Messages.Where(m => m.Status == "streaming" && restarted.Contains(m.ElementId)))
        {
            await EmitAsync(Agents.Events.AgentEventTypes.MessageEnd, new { elementId = message.ElementId, messageId = message.MessageId, status = "cancelled" }).ConfigureAwait(false);
        }
        foreach (var call in view.ToolCalls.Where(c => c.Status == "running" && restarted.Contains(c.ElementId)))
        {
            await EmitAsync(Agents.Events.AgentEventTypes.ToolEnd, new
            {
                elementId = call.ElementId, toolCallId = call.ToolCallId, tool = call.Tool, index = call.Index, status = "cancelled",
                error = "The process running the task stopped; the task was restarted.",
            }).ConfigureAwait(false);
        }
    }

    private bool IsRecorded(string elementId, string status) =>
        _recorded.TryGetValue(elementId, out var element) && element.Status == status;

    /// <summary>Replays a task an earlier attempt finished, without running it or writing anything.</summary>
    private TaskEnd? Recall(Model.WorkflowTask task)
    {
        if (!_recorded.TryGetValue(task.Id, out var element)) return null;
        CountDone();
        switch (element.Status)
        {
            case "completed":
                var scopeOutput = task is Model.AgenticTask && element.Output is { } o ? o.Element("response") : element.Output;
                _scope.SetTask(task.Id, TaskEnd.Completed, scopeOutput);
                lock (_gate)
                {
                    _finished.Add(task.Id);
                    if (element.Output is { } output) _outputs[task.Id] = output;
                }
                return TaskEnd.Done(element.Output, scopeOutput);
            case "cancelled":
                _scope.SetTask(task.Id, TaskEnd.Cancelled, null);
                lock (_gate) _finished.Add(task.Id);
                AddFailure($"Task {task.Id} was cancelled");
                return TaskEnd.Stopped(element.PartialResult, element.CancelRequest?.Reason ?? "user_requested", element.CancelRequest?.Message);
            default:
                _scope.SetTask(task.Id, TaskEnd.Failed, null);
                lock (_gate) _finished.Add(task.Id);
                AddFailure($"Task {task.Id} failed: {element.Error}");
                return TaskEnd.Error(element.Error ?? "failed");
        }
    }

    private TaskCompletionSource<JsonElement> UserInput(string elementId)
    {
        lock (_gate)
        {
            if (!_userInputs.TryGetValue(elementId, out var input))
            {
                input = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
                _userInputs[elementId] = input;
            }
            return input;
        }
    }
}

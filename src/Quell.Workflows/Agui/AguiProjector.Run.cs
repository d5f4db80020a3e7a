using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <content>Elements as steps, and the end of the run.</content>
public sealed partial class AguiProjector
{
    private void OnElementStarted(string elementId, JsonElement data)
    {
        Begin();
        // A step already open (an element re-started after a server restart) is not opened twice.
        if (!_openSteps.Exists(s => s.StepName == elementId))
        {
            var step = new StepStartedEvent(elementId) { Timestamp = _lastTime };
            _openSteps.Add(step);
            _emitted.Add(step);
        }
        _state.ElementStarted(elementId, data);
        EmitState();
    }

    private void OnElementEnded(string elementId, string status, JsonElement data, string field)
    {
        Begin();
        CloseMessages(elementId, ClosedAs.Interrupted);
        _state.ElementEnded(elementId, status, data, field);
        EmitState();
        FinishStep(elementId);
    }

    private void OnElementUpdated(Quell.Events.JobEvent e, string elementId, string? status, string field)
    {
        Custom(e);
        _state.ElementUpdated(elementId, status, e.Data, field);
        EmitState();
    }

    private void OnTaskCancelled(Quell.Events.JobEvent e, string? elementId)
    {
        Begin();
        _taskCancelled = true;
        if (elementId is null)
        {
            Custom(e);
            return;
        }
        // The task stopped: whatever it was streaming ends here, before the event that says so.
        CloseMessages(elementId, ClosedAs.Cancelled);
        Custom(e);
        _state.ElementUpdated(elementId, "cancelled", e.Data, "reason", "message", "partialResult");
        EmitState();
        FinishStep(elementId);
    }

    private void OnWorkflowFinished(JsonElement data)
    {
        var outcome = EventData.String(data, "outcome") ?? "success";
        var reason = EventData.String(data, "reason");
        _state.Finished(outcome, reason);
        switch (outcome)
        {
            case "cancelled":
                EndRun(RunFinishedOutcome.Cancelled, NonEmpty(data), ClosedAs.Cancelled);
                break;
            // Outcome "failed" because a task was cancelled: the workflow ran to its end as designed (seed 001: the
            // gateway took the other path), nothing errored, so the AG-UI run finished; the result says "failed".
            case "failed" when _taskCancelled:
                EndRun(RunFinishedOutcome.Success, NonEmpty(data), ClosedAs.Interrupted);
                break;
            case "failed":
                EndWithError(reason ?? "The workflow ended with outcome 'failed'.", "workflow_failed");
                break;
            default:
                EndRun(RunFinishedOutcome.Success, NonEmpty(data), ClosedAs.Interrupted);
                break;
        }
    }

    private void EndRun(RunFinishedOutcome outcome, JsonElement? result, ClosedAs closedAs)
    {
        CloseEverything(closedAs);
        var end = new RunFinishedEvent(_started!.ThreadId, _started.RunId, outcome) { Result = result, Timestamp = _lastTime };
        _emitted.Add(end);
        _end = end;
    }

    private void EndWithError(string message, string code)
    {
        CloseEverything(ClosedAs.Interrupted);
        var end = new RunErrorEvent(message) { Code = code, Timestamp = _lastTime };
        _emitted.Add(end);
        _end = end;
    }

    // The client refuses RUN_FINISHED while a message or step is open: close them all first, in reverse order of
    // opening, and record in the state how the elements left running ended.
    private void CloseEverything(ClosedAs closedAs)
    {
        Begin();
        CloseMessages(elementId: null, closedAs);
        _state.StopRunning(_openSteps.Select(s => s.StepName), closedAs == ClosedAs.Cancelled ? "cancelled" : "interrupted");
        EmitState();
        for (var i = _openSteps.Count - 1; i >= 0; i--) Emit(new StepFinishedEvent(_openSteps[i].StepName));
        _openSteps.Clear();
    }

    private void FinishStep(string elementId)
    {
        var index = _openSteps.FindIndex(s => s.StepName == elementId);
        if (index < 0) return;
        _openSteps.RemoveAt(index);
        Emit(new StepFinishedEvent(elementId));
    }
}

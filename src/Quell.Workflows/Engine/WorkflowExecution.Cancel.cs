using System.Text.Json;
using Quell.Cancellation;
using Quell.Workflows.Events;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Engine;

internal sealed partial class WorkflowExecution
{
    private const string RunCancelledMessage = "The run was cancelled.";

    private long _watchedSeq;

    /// <summary>
    /// Watches the run's own history for what arrives from outside: element cancel requests (recorded durable first
    /// by <see cref="ElementCancellation"/>) and user task input. Requests are handled one at a time, in order.
    /// </summary>
    private async Task WatchRequestsAsync(long afterSeq, CancellationToken stop)
    {
        Volatile.Write(ref _watchedSeq, afterSeq);
        try
        {
            await foreach (var e in _jobs.WatchAsync(RunId, null, afterSeq, includeTransient: false, stop).ConfigureAwait(false))
            {
                await HandleOutsideEventAsync(e).ConfigureAwait(false);
                Volatile.Write(ref _watchedSeq, e.Seq);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Before the run finishes: every request recorded so far is handled (answered with <c>task.cancel.failed</c> if
    /// its task already ended). Requests are held back while the end of the history is read, so none slips in between.
    /// </summary>
    private async Task DrainRequestsAsync(Task watcher)
    {
        long last;
        using (await _elementCancellation.HoldRequestsAsync(RunId).ConfigureAwait(false))
        {
            last = Volatile.Read(ref _watchedSeq);
            while (await _jobs.ReadEventsAsync(RunId, null, last, 1000).ConfigureAwait(false) is { Count: > 0 } page) last = page[^1].Seq;
        }
        while (Volatile.Read(ref _watchedSeq) < last && !watcher.IsCompleted) await Task.Delay(5).ConfigureAwait(false);
    }

    private async Task HandleOutsideEventAsync(Quell.Events.JobEvent e)
    {
        if (e.Data.String("elementId") is not { } elementId) return;
        if (e.Type == WorkflowEventTypes.TaskCancelRequest)
        {
            var reason = CancellationReasons.TryParse(e.Data.String("reason"), out var parsed) ? parsed : CancellationReason.UserRequested;
            await OnCancelRequestAsync(elementId, reason, e.Data.String("message") ?? "User requested cancellation").ConfigureAwait(false);
        }
        else if (e.Type == WorkflowEventTypes.UserTaskCompleted)
        {
            UserInput(elementId).TrySetResult(e.Data.Element("input") ?? default);
        }
    }

    private async Task OnCancelRequestAsync(string elementId, CancellationReason reason, string message)
    {
        RunningElement? element;
        bool finished;
        lock (_gate)
        {
            _running.TryGetValue(elementId, out element);
            finished = _finished.Contains(elementId);
            // Not started in this attempt yet (a resumed run): it stops as soon as it starts.
            if (element is null && !finished) _pendingCancels[elementId] = new ElementCancelRequest(reason.ToWireName(), message, null, DateTimeOffset.UtcNow);
        }
        if (element is not null)
        {
            if (TryRequestStop(element, reason, message, runWide: false)) return;
            int state;
            lock (_gate) state = element.State;
            if (state == RunningElement.Finished)
            {
                // Lost the race with the task's own end: say so after the end is recorded.
                await element.FinalWritten.Task.ConfigureAwait(false);
                await RefuseAsync(elementId, ElementCancellation.AlreadyCompletedMessage).ConfigureAwait(false);
            }
            else if (!element.Cancellable)
            {
                await RefuseAsync(elementId, ElementCancellation.NotCancellableMessage).ConfigureAwait(false);
            }
            return;
        }
        if (finished) await RefuseAsync(elementId, ElementCancellation.AlreadyCompletedMessage).ConfigureAwait(false);
    }

    private Task RefuseAsync(string elementId, string error) =>
        EmitAsync(WorkflowEventTypes.TaskCancelFailed, new { elementId, error });

    /// <summary>Stops a task that just started if a cancel was asked before it (a resumed run) or the run is cancelled.</summary>
    private void ApplyEarlyStops(RunningElement element)
    {
        ElementCancelRequest? early;
        lock (_gate)
        {
            if (_pendingCancels.Remove(element.Id, out early)) { }
        }
        if (early is not null)
        {
            var reason = CancellationReasons.TryParse(early.Reason, out var parsed) ? parsed : CancellationReason.UserRequested;
            TryRequestStop(element, reason, early.Message ?? "User requested cancellation", runWide: false);
        }
        if (RunCancelled) StopForRun(element);
    }

    /// <summary>The run itself was cancelled: stop every task that may be stopped; the others finish on their own.</summary>
    private void OnRunCancelled()
    {
        RunningElement[] running;
        lock (_gate) running = [.. _running.Values];
        foreach (var element in running) StopForRun(element);
    }

    private void StopForRun(RunningElement element)
    {
        var info = _context.Cancellation;
        TryRequestStop(element, info?.Reason ?? CancellationReason.UserRequested, info?.Message ?? RunCancelledMessage, runWide: true);
    }

    /// <summary>
    /// Moves a running task to cancelling (once): <c>task.cancelling</c> is written first, then the task's own stop
    /// signal fires, so its <c>task.cancelled</c> always follows.
    /// </summary>
    private bool TryRequestStop(RunningElement element, CancellationReason reason, string message, bool runWide)
    {
        lock (_gate)
        {
            if (element.State != RunningElement.Running || !(runWide ? element.StopsWithRun : element.Cancellable)) return false;
            element.State = RunningElement.Cancelling;
            element.CancellingWritten = Task.Run(async () =>
            {
                try
                {
                    await EmitAsync(WorkflowEventTypes.TaskCancelling, new { elementId = element.Id, reason = reason.ToWireName(), message }).ConfigureAwait(false);
                }
                finally
                {
                    element.Stop.Cancel(reason, message);
                }
            });
            return true;
        }
    }
}

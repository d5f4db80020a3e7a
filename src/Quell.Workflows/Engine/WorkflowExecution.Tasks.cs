using System.Text.Json;
using Quell.Agents.Events;
using Quell.Agents.Models;
using Quell.Agents.Runner;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Model;

namespace Quell.Workflows.Engine;

internal sealed partial class WorkflowExecution
{
    /// <summary>
    /// Runs one task element: <c>workflow.element.started</c>, <c>task.cancellable</c> when it allows cancellation,
    /// the work, then exactly one of completed, failed or the <c>task.cancelling</c>/<c>task.cancelled</c> pair.
    /// </summary>
    private async Task<TaskEnd> RunTaskAsync(WorkflowTask task)
    {
        if (Recall(task) is { } recalled) return recalled;
        var element = new RunningElement(task.Id, task.AllowCancellation, stopsWithRun: task.AllowCancellation || task is UserTask);
        using (element)
        {
            string? childJobId = task is ServiceTask ? ChildJobId(task.Id) : null;
            // Registered before it is announced, so a cancel request that follows the announcement always finds it.
            lock (_gate) _running[task.Id] = element;
            await EmitAsync(WorkflowEventTypes.ElementStarted,
                new { elementId = task.Id, elementType = task.TypeName, name = task.Name, childJobId }).ConfigureAwait(false);
            if (task.AllowCancellation) await EmitAsync(WorkflowEventTypes.TaskCancellable, new { elementId = task.Id }).ConfigureAwait(false);
            ApplyEarlyStops(element);

            TaskEnd end;
            try
            {
                end = task switch
                {
                    AgenticTask agentic => await RunAgentAsync(agentic, element).ConfigureAwait(false),
                    ServiceTask service => await RunServiceAsync(service, element, childJobId!).ConfigureAwait(false),
                    UserTask user => await WaitForUserAsync(user, element).ConfigureAwait(false),
                    _ => TaskEnd.Error($"Unknown task type {task.TypeName}"),
                };
            }
#pragma warning disable CA1031 // a task's failure is the element's, not the run's: record it and go on
            catch (Exception e)
#pragma warning restore CA1031
            {
                end = TaskEnd.Error(e.Message);
            }
            await RecordEndAsync(task, element, end).ConfigureAwait(false);
            return end;
        }
    }

    private async Task RecordEndAsync(WorkflowTask task, RunningElement element, TaskEnd end)
    {
        bool wasCancelling;
        lock (_gate)
        {
            wasCancelling = element.State == RunningElement.Cancelling;
            element.State = RunningElement.Finished;
            _running.Remove(task.Id);
            _finished.Add(task.Id);
        }
        await element.CancellingWritten.ConfigureAwait(false);
        try
        {
            switch (end.Status)
            {
                case TaskEnd.Completed:
                    _scope.SetTask(task.Id, TaskEnd.Completed, end.ScopeOutput);
                    lock (_gate)
                    {
                        if (end.Output is { } output) _outputs[task.Id] = output;
                    }
                    // The request came too late for any checkpoint: the task finished its work anyway.
                    if (wasCancelling)
                    {
                        await EmitAsync(WorkflowEventTypes.TaskCancelFailed,
                            new { elementId = task.Id, error = Runs.ElementCancellation.AlreadyCompletedMessage }).ConfigureAwait(false);
                    }
                    await EmitAsync(WorkflowEventTypes.ElementCompleted, new { elementId = task.Id, output = end.Output }).ConfigureAwait(false);
                    break;
                case TaskEnd.Cancelled:
                    _scope.SetTask(task.Id, TaskEnd.Cancelled, null);
                    // A task that stopped itself (its token budget ran out) still goes through task.cancelling.
                    if (!wasCancelling)
                    {
                        await EmitAsync(WorkflowEventTypes.TaskCancelling, new { elementId = task.Id, reason = end.Reason, message = end.Message }).ConfigureAwait(false);
                    }
                    await EmitAsync(WorkflowEventTypes.TaskCancelled,
                        new { elementId = task.Id, reason = end.Reason, message = end.Message, partialResult = end.PartialResult }).ConfigureAwait(false);
                    if (!RunCancelled) AddFailure($"Task {task.Id} was cancelled");
                    break;
                default:
                    _scope.SetTask(task.Id, TaskEnd.Failed, null);
                    await EmitAsync(WorkflowEventTypes.ElementFailed, new { elementId = task.Id, error = end.Message }).ConfigureAwait(false);
                    AddFailure($"Task {task.Id} failed: {end.Message}");
                    break;
            }
        }
        finally
        {
            element.FinalWritten.TrySetResult();
            CountDone();
        }
    }

    private async Task<TaskEnd> RunAgentAsync(AgenticTask task, RunningElement element)
    {
        var agentTask = AgentTaskMapping.ToAgentTask(task.Agent, _scope.Snapshot());
        await using var toolbox = await _toolboxes.CreateAsync(agentTask.Tools, CancellationToken.None).ConfigureAwait(false);
        using var client = ChatClientFactory.Create(agentTask.Model);
        var sink = new JobContextAgentEventSink(_context, task.Id);
        var result = await _runner.RunAsync(agentTask, client, toolbox, element.Stop.Cancellation, sink).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToElement(result, Json);
        if (result.Status == AgentResult.Cancelled)
        {
            return TaskEnd.Stopped(json, result.ReasonCode ?? Reason(element), element.Stop.Info?.Message ?? result.Reason);
        }
        return TaskEnd.Done(json, JsonSerializer.SerializeToElement(result.Response ?? ""));
    }

    private async Task<TaskEnd> RunServiceAsync(ServiceTask task, RunningElement element, string childJobId)
    {
        var child = await _jobs.GetAsync(childJobId, _owner).ConfigureAwait(false);
        if (child is null)
        {
            var input = RunScope.RenderInput(task.Input, _scope.Snapshot());
            try
            {
                child = await _jobs.SubmitAsync(new JobSubmission(task.JobType, input, _owner, Id: childJobId, ParentId: RunId)).ConfigureAwait(false);
            }
            catch (JobSubmissionException e)
            {
                return TaskEnd.Error($"Could not start job '{task.JobType}': {e.Message}");
            }
        }
        var stop = element.Stop;
        using (stop.Cancellation.Token.Register(() => _ = _jobs.CancelAsync(childJobId,
            new CancelRequest(_owner, stop.Info?.Reason ?? CancellationReason.UserRequested, stop.Info?.Message, "workflow"))))
        {
            child = await _jobs.WaitForCompletionAsync(childJobId, _owner).ConfigureAwait(false);
        }
        switch (child?.Status)
        {
            case JobStatus.Completed:
                return TaskEnd.Done(child.Result);
            case JobStatus.Cancelled:
                var partial = await _jobs.GetPartialResultsAsync(childJobId, _owner).ConfigureAwait(false);
                var reason = (stop.Info?.Reason ?? child.Cancellation?.Reason ?? CancellationReason.UserRequested).ToWireName();
                return TaskEnd.Stopped(partial is null ? null : JsonSerializer.SerializeToElement(partial, Json), reason,
                    stop.Info?.Message ?? child.Cancellation?.Message);
            default:
                return TaskEnd.Error($"Job {childJobId} ({task.JobType}) failed: {child?.Error ?? "it disappeared"}");
        }
    }

    private async Task<TaskEnd> WaitForUserAsync(UserTask task, RunningElement element)
    {
        var input = UserInput(task.Id);
        if (!input.Task.IsCompleted)
        {
            var prompt = task.Prompt is null ? null : Expressions.TextTemplate.Render(task.Prompt, _scope.Snapshot());
            await EmitAsync(WorkflowEventTypes.UserTaskWaiting, new { elementId = task.Id, prompt }).ConfigureAwait(false);
        }
        try
        {
            var given = await input.Task.WaitAsync(element.Stop.Cancellation.Token).ConfigureAwait(false);
            return TaskEnd.Done(given);
        }
        catch (OperationCanceledException) when (element.Stop.Cancellation.Token.IsCancellationRequested)
        {
            return TaskEnd.Stopped(null, Reason(element), element.Stop.Info?.Message);
        }
    }

    private static string Reason(RunningElement element) => (element.Stop.Info?.Reason ?? CancellationReason.UserRequested).ToWireName();

    /// <summary>A child job id that a resumed run finds again: the run's id and the element's, when that fits.</summary>
    private string ChildJobId(string elementId)
    {
        if (_childJobIds.TryGetValue(elementId, out var recorded)) return recorded;
        var id = $"{RunId}:{elementId}";
        return JobIds.IsValid(id) ? id : $"wf-{Guid.NewGuid():N}";
    }
}

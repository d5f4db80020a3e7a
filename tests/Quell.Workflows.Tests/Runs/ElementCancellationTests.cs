using Quell.Cancellation;
using Quell.Workflows.Events;
using Quell.Workflows.Runs;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Runs;

/// <summary>
/// The rules of seed 001 for cancelling one task, against a real runtime: the events stand in for an engine.
/// </summary>
public sealed class ElementCancellationTests
{
    [Fact]
    public async Task A_cancellable_running_task_gets_one_durable_request_however_many_cancels_race()
    {
        await using var host = await RuntimeHost.StartAsync();
        var run = await host.StartHeldJobAsync();
        await host.AppendAsync(run.Id, WorkflowEventTypes.ElementStarted, new { elementId = "analyze", elementType = "agenticTask", name = "Analyze" });
        await host.AppendAsync(run.Id, WorkflowEventTypes.TaskCancellable, new { elementId = "analyze" });
        var cancellation = new ElementCancellation(host.Jobs);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            cancellation.CancelAsync(run.Id, "analyze", "alice", CancellationReason.UserRequested, "stop please")));

        Assert.Single(outcomes, o => o.Kind == ElementCancelOutcomeKind.Requested);
        Assert.Equal(7, outcomes.Count(o => o.Kind == ElementCancelOutcomeKind.AlreadyRequested));
        var events = await host.Jobs.ReadEventsAsync(run.Id, "alice");
        var request = Assert.Single(events!, e => e.Type == WorkflowEventTypes.TaskCancelRequest);
        Assert.Equal("user_requested", request.Data.GetProperty("reason").GetString());
        Assert.Equal("stop please", request.Data.GetProperty("message").GetString());
        var view = RunProjection.Replay(run.Id, events!).Elements.Single();
        Assert.Equal("user_requested", view.CancelRequest!.Reason);
    }

    [Fact]
    public async Task A_finished_task_and_a_task_without_allowCancellation_are_refused_with_the_seeds_messages_in_the_history()
    {
        await using var host = await RuntimeHost.StartAsync();
        var run = await host.StartHeldJobAsync();
        await host.AppendAsync(run.Id, WorkflowEventTypes.ElementStarted, new { elementId = "fetch", elementType = "serviceTask" });
        await host.AppendAsync(run.Id, WorkflowEventTypes.ElementCompleted, new { elementId = "fetch", output = new { rows = 3 } });
        await host.AppendAsync(run.Id, WorkflowEventTypes.ElementStarted, new { elementId = "report", elementType = "agenticTask" });
        var cancellation = new ElementCancellation(host.Jobs);

        var finished = await cancellation.CancelAsync(run.Id, "fetch", "alice", CancellationReason.UserRequested, null);
        var notCancellable = await cancellation.CancelAsync(run.Id, "report", "alice", CancellationReason.UserRequested, null);
        var notStarted = await cancellation.CancelAsync(run.Id, "later", "alice", CancellationReason.UserRequested, null);

        Assert.Equal((ElementCancelOutcomeKind.AlreadyCompleted, "Task already completed"), (finished.Kind, finished.Message));
        Assert.Equal((ElementCancelOutcomeKind.NotCancellable, "Task is not cancellable"), (notCancellable.Kind, notCancellable.Message));
        Assert.Equal(ElementCancelOutcomeKind.NotRunning, notStarted.Kind);
        var failures = (await host.Jobs.ReadEventsAsync(run.Id, "alice"))!
            .Where(e => e.Type == WorkflowEventTypes.TaskCancelFailed)
            .Select(e => (e.Data.GetProperty("elementId").GetString(), e.Data.GetProperty("error").GetString()));
        Assert.Equal([("fetch", "Task already completed"), ("report", "Task is not cancellable")], failures);
    }

    [Fact]
    public async Task Another_owners_run_is_not_found_and_gets_nothing_written()
    {
        await using var host = await RuntimeHost.StartAsync();
        var run = await host.StartHeldJobAsync();
        await host.AppendAsync(run.Id, WorkflowEventTypes.ElementStarted, new { elementId = "analyze" });
        await host.AppendAsync(run.Id, WorkflowEventTypes.TaskCancellable, new { elementId = "analyze" });

        var outcome = await new ElementCancellation(host.Jobs).CancelAsync(run.Id, "analyze", "mallory", CancellationReason.UserRequested, null);

        Assert.Equal(ElementCancelOutcomeKind.RunNotFound, outcome.Kind);
        Assert.DoesNotContain((await host.Jobs.ReadEventsAsync(run.Id, "alice"))!, e => e.Type is WorkflowEventTypes.TaskCancelRequest or WorkflowEventTypes.TaskCancelFailed);
    }
}

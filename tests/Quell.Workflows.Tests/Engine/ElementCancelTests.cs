using System.Text.Json;
using Xunit.Abstractions;
using Quell.Agents.Events;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Engine;

/// <summary>Seed 001's refusals and the one-request rule, against the running engine.</summary>
public sealed class ElementCancelTests(ITestOutputHelper output)
{
    private const string Owner = "alice";

    [Fact]
    public async Task A_finished_task_refuses_with_task_already_completed_and_records_task_cancel_failed()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.Catalog.PutAsync("chain", TestWorkflows.Chain(tokens: 40, tokensPerSecond: 20), WorkflowFormat.Yaml);
        var run = await host.StartAsync("chain");
        await host.WaitForAsync(run.Id, AgentEventTypes.MessageDelta, "second");

        var outcome = await host.Runs.CancelElementAsync(run.Id, "first", Owner);

        Assert.Equal(ElementCancelOutcomeKind.AlreadyCompleted, outcome.Kind);
        Assert.Equal("Task already completed", outcome.Message);
        var refusal = await host.WaitForAsync(run.Id, WorkflowEventTypes.TaskCancelFailed, "first");
        Assert.Equal("Task already completed", WorkflowHost.Str(refusal.Data, "error"));
        await host.Runs.CancelRunAsync(run.Id, Owner);
        await host.WaitForEndAsync(run.Id);
    }

    [Fact]
    public async Task A_task_without_allowCancellation_refuses_with_task_is_not_cancellable_and_runs_on()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.Catalog.PutAsync("single", TestWorkflows.Single(tokens: 20, tokensPerSecond: 20, cancellable: false), WorkflowFormat.Yaml);
        var run = await host.StartAsync("single");
        await host.WaitForAsync(run.Id, AgentEventTypes.MessageDelta, "work");

        var outcome = await host.Runs.CancelElementAsync(run.Id, "work", Owner);

        Assert.Equal(ElementCancelOutcomeKind.NotCancellable, outcome.Kind);
        Assert.Equal("Task is not cancellable", outcome.Message);
        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Completed, done.Status);
        var events = await host.EventsAsync(run.Id);
        Assert.Contains(events, e => e.Type == WorkflowEventTypes.TaskCancelFailed && WorkflowHost.Str(e.Data, "error") == "Task is not cancellable");
        Assert.DoesNotContain(events, e => e.Type is WorkflowEventTypes.TaskCancelRequest or WorkflowEventTypes.TaskCancelled or WorkflowEventTypes.TaskCancellable);
    }

    [Fact]
    public async Task Two_cancels_at_once_leave_one_request_and_one_task_cancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.Catalog.PutAsync("single", TestWorkflows.Single(tokens: 200, tokensPerSecond: 20, cancellable: true), WorkflowFormat.Yaml);
        var run = await host.StartAsync("single");
        await host.WaitForAsync(run.Id, AgentEventTypes.MessageDelta, "work");

        var outcomes = await Task.WhenAll(
            host.Runs.CancelElementAsync(run.Id, "work", Owner),
            host.Runs.CancelElementAsync(run.Id, "work", Owner));

        Assert.Single(outcomes, o => o.Kind == ElementCancelOutcomeKind.Requested);
        Assert.Single(outcomes, o => o.Kind == ElementCancelOutcomeKind.AlreadyRequested);
        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal("Task work was cancelled", done.Error);
        var events = await host.EventsAsync(run.Id);
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelRequest);
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelling);
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelled);
        // Nothing after the cancelled task on its path: the end event is never reached.
        Assert.DoesNotContain(events, e => e.Type == WorkflowEventTypes.ElementStarted && WorkflowHost.Str(e.Data, "elementId") == "end");
    }

    [Fact]
    public async Task Cancel_versus_completion_races_end_in_exactly_one_of_completed_or_cancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        // About 50 ms of streaming: a cancel sent right after the task starts lands before, during or after its end.
        await host.Catalog.PutAsync("single", TestWorkflows.Single(tokens: 5, tokensPerSecond: 100, cancellable: true), WorkflowFormat.Yaml);
        var random = new Random(4);
        var counts = new Dictionary<string, int>();
        for (var batch = 0; batch < 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
            {
                var delay = random.Next(0, 120);
                var run = await host.StartAsync("single");
                await host.WaitForAsync(run.Id, WorkflowEventTypes.TaskCancellable, "work");
                await Task.Delay(delay);
                var outcome = await host.Runs.CancelElementAsync(run.Id, "work", Owner);
                var done = await host.WaitForEndAsync(run.Id);
                var events = (await host.EventsAsync(run.Id)).Where(e => WorkflowHost.Str(e.Data, "elementId") == "work").ToList();
                var completed = events.Count(e => e.Type == WorkflowEventTypes.ElementCompleted);
                var cancelled = events.Count(e => e.Type == WorkflowEventTypes.TaskCancelled);
                Assert.Equal(1, completed + cancelled);
                Assert.True(cancelled <= 1);
                Assert.Equal(cancelled == 1 ? JobStatus.Failed : JobStatus.Completed, done.Status);
                if (outcome.Kind == ElementCancelOutcomeKind.Requested && completed == 1)
                {
                    // The request was recorded but came too late for any checkpoint: the refusal says so.
                    Assert.Contains(events, e => e.Type == WorkflowEventTypes.TaskCancelFailed);
                }
                if (outcome.Kind == ElementCancelOutcomeKind.AlreadyCompleted) Assert.Equal(1, completed);
                lock (counts) counts[completed == 1 ? "completed" : "cancelled"] = counts.GetValueOrDefault(completed == 1 ? "completed" : "cancelled") + 1;
            }));
        }
        Assert.Equal(50, counts.Values.Sum());
        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
    }
}

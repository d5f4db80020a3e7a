using System.Text.Json;
using Quell.Agents.Events;
using Quell.Events;
using Quell.Workflows.Events;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Tests.Runs;

public sealed class RunProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static List<JobEvent> History(params (string Type, object Data)[] events) =>
        [.. events.Select((e, i) => new JobEvent(i + 1, "run-1", e.Type, T0.AddSeconds(i), JsonSerializer.SerializeToElement(e.Data)))];

    private static List<JobEvent> CancelledDuringStreaming() => History(
        (JobEventTypes.Created, new { type = "workflow.run" }),
        (JobEventTypes.Started, new { attempt = 1 }),
        (WorkflowEventTypes.RunStarted, new { workflowId = "feedback", workflowName = "Feedback", variables = new { topic = "x" } }),
        (WorkflowEventTypes.ElementStarted, new { elementId = "analyze", elementType = "agenticTask", name = "Analyze" }),
        (WorkflowEventTypes.TaskCancellable, new { elementId = "analyze" }),
        (AgentEventTypes.MessageStart, new { elementId = "analyze", messageId = "m1", role = "assistant", model = new { provider = "scripted", name = "scripted", scripted = true } }),
        (AgentEventTypes.MessageDelta, new { elementId = "analyze", messageId = "m1", delta = "Customer sentiment " }),
        (AgentEventTypes.MessageDelta, new { elementId = "analyze", messageId = "m1", delta = "appears " }),
        (AgentEventTypes.ToolStart, new { elementId = "analyze", toolCallId = "t1", tool = "fetch_data", index = 1, arguments = new { } }),
        (AgentEventTypes.ToolEnd, new { elementId = "analyze", toolCallId = "t1", tool = "fetch_data", index = 1, status = "complete", result = new { rows = 3 } }),
        (AgentEventTypes.Usage, new { elementId = "analyze", inputTokens = 10, outputTokens = 4, totalTokens = 14 }),
        (WorkflowEventTypes.TaskCancelRequest, new { elementId = "analyze", reason = "user_requested", message = "User requested cancellation" }),
        (WorkflowEventTypes.TaskCancelling, new { elementId = "analyze", reason = "user_requested", message = "User requested cancellation" }),
        (WorkflowEventTypes.TaskCancelled, new { elementId = "analyze", reason = "user_requested", message = "User requested cancellation", partialResult = new { status = "cancelled", tokens_used = 14 } }),
        (WorkflowEventTypes.RunFinished, new { outcome = "failed" }),
        (JobEventTypes.Completed, new { }));

    [Fact]
    public void A_task_cancelled_mid_stream_leaves_its_message_cancelled_with_the_reason_and_its_partial_result()
    {
        var run = RunProjection.Replay("run-1", CancelledDuringStreaming());

        Assert.Equal(("completed", "failed", "feedback"), (run.Status, run.Outcome, run.WorkflowId));
        var element = Assert.Single(run.Elements);
        Assert.Equal(("cancelled", false, 14L), (element.Status, element.Cancellable, element.TokensUsed));
        Assert.Equal(14, element.PartialResult!.Value.GetProperty("tokens_used").GetInt32());
        var message = Assert.Single(run.Messages);
        Assert.Equal(("Customer sentiment appears ", "cancelled", true), (message.Content, message.Status, message.Cancelled));
        Assert.Equal("User requested cancellation", message.CancellationReason);
        Assert.Equal("complete", Assert.Single(run.ToolCalls).Status);
    }

    [Fact]
    public void Feeding_events_one_by_one_with_repeats_and_transient_ones_gives_the_replay()
    {
        var history = CancelledDuringStreaming();
        var live = new RunProjection("run-1");
        foreach (var e in history)
        {
            live.Apply(e);
            live.Apply(e);
            live.Apply(e with { Seq = 0 });
        }

        Assert.Equal(Json(RunProjection.Replay("run-1", history)), Json(live.View()));
    }

    private static string Json(RunView view) => JsonSerializer.Serialize(view);
}

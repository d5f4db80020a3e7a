using System.Text.Json;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

public sealed class AguiProjectorTests
{
    [Fact]
    public void A_completed_run_maps_elements_to_steps_messages_to_text_and_tools_to_tool_calls()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.Completed().Events);

        Assert.Empty(AguiSequenceChecker.Violations(events));
        var started = Assert.IsType<RunStartedEvent>(events[0]);
        Assert.Equal(("thread-1", "run-completed"), (started.ThreadId, started.RunId));
        var state = Assert.IsType<StateSnapshotEvent>(events[1]);
        Assert.Equal(100, state.Snapshot.GetProperty("variables").GetProperty("limit").GetInt32());
        Assert.Equal(
            ["start", "fetch_data", "analyze_sentiment", "end_success"],
            events.OfType<StepStartedEvent>().Select(s => s.StepName));
        Assert.Equal(
            "Customer sentiment appears generally positive.",
            string.Concat(events.OfType<TextMessageContentEvent>().Select(c => c.Delta)));
        Assert.Equal(
            [AguiEventTypes.ToolCallStart, AguiEventTypes.ToolCallArgs, AguiEventTypes.ToolCallEnd, AguiEventTypes.ToolCallResult],
            events.SkipWhile(e => e is not ToolCallStartEvent).Take(4).Select(e => e.Type));
        var results = events.OfType<ToolCallResultEvent>().ToList();
        Assert.Equal("""{"score":0.8}""", results[0].Content);
        Assert.Equal("quality, service, price", results[1].Content);
        Assert.Equal("""{"text":"great product"}""", events.OfType<ToolCallArgsEvent>().First().Delta);
        Assert.Equal("msg-1", events.OfType<ToolCallStartEvent>().First().ParentMessageId);
        Assert.Null(events.OfType<ToolCallStartEvent>().Last().ParentMessageId);
        var finished = Assert.IsType<RunFinishedEvent>(events[^1]);
        Assert.Equal("success", finished.Outcome.Type);
        Assert.Equal("success", finished.Result!.Value.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Task_events_without_an_AG_UI_counterpart_become_CUSTOM_events_named_after_them_with_all_their_data()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.TaskCancelledMidStream().Events);

        var custom = events.OfType<CustomEvent>().ToList();
        Assert.Equal(
            ["workflow.gateway.evaluated", "task.cancellable", "task.cancel.request", "task.cancelling", "task.checkpoint",
             "task.cancelled", "workflow.gateway.evaluated", "task.cancel.failed"],
            custom.Select(c => c.Name));
        var cancelled = custom.Single(c => c.Name == "task.cancelled").Value;
        Assert.Equal("analyze_sentiment", cancelled.GetProperty("elementId").GetString());
        Assert.Equal(456, cancelled.GetProperty("partialResult").GetProperty("tokens_used").GetInt32());
        Assert.Equal("Task already completed", custom.Single(c => c.Name == "task.cancel.failed").Value.GetProperty("error").GetString());
    }

    [Fact]
    public void A_task_cancelled_mid_message_closes_its_message_then_says_cancelled_then_finishes_its_step()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.TaskCancelledMidStream().Events);

        Assert.Empty(AguiSequenceChecker.Violations(events));
        var end = events.OfType<TextMessageEndEvent>().Single();
        var endAt = Index(events, end);
        var cancelledAt = Index(events, events.OfType<CustomEvent>().Single(c => c.Name == "task.cancelled"));
        var stepAt = Index(events, events.OfType<StepFinishedEvent>().Single(s => s.StepName == "analyze_sentiment"));
        Assert.True(endAt < cancelledAt && cancelledAt < stepAt, $"end {endAt}, cancelled {cancelledAt}, step {stepAt}");
        Assert.Equal("cancelled", end.Metadata!.Value.GetProperty("status").GetString());
        Assert.Equal(
            "Customer sentiment appears generally positive. Key themes identified:\n1. Product quality - mostly satisfied\n2. Customer service - ",
            string.Concat(events.OfType<TextMessageContentEvent>().Select(c => c.Delta)));
        var elements = events.OfType<StateSnapshotEvent>().Last().Snapshot.GetProperty("elements");
        // The element failure recorded after the cancel does not hide that the task was cancelled.
        Assert.Equal("cancelled", elements.GetProperty("analyze_sentiment").GetProperty("status").GetString());
        Assert.Equal("completed", elements.GetProperty("archive").GetProperty("status").GetString());
        Assert.Equal("completed", elements.GetProperty("task_c").GetProperty("status").GetString());
    }

    [Fact]
    public void A_run_failed_because_a_task_was_cancelled_finishes_with_outcome_success_and_says_failed_in_its_result()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.TaskCancelledMidStream().Events);

        var finished = Assert.IsType<RunFinishedEvent>(events[^1]);
        Assert.Equal("success", finished.Outcome.Type);
        Assert.Equal("failed", finished.Result!.Value.GetProperty("outcome").GetString());
        Assert.DoesNotContain(events, e => e is RunErrorEvent);
        Assert.Equal("failed", events.OfType<StateSnapshotEvent>().Last().Snapshot.GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_cancelled_tool_gets_a_result_that_says_so_and_every_earlier_tool_keeps_its_result()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.ToolCancelled().Events);

        Assert.Empty(AguiSequenceChecker.Violations(events));
        var results = events.OfType<ToolCallResultEvent>().ToList();
        Assert.Equal(["call-1", "call-2", "call-3", "call-4"], results.Select(r => r.ToolCallId));
        Assert.All(results.Take(3), r => Assert.Contains("\"ok\":true", r.Content, StringComparison.Ordinal));
        Assert.Equal("""{"status":"cancelled","error":"Cancelled by the client"}""", results[3].Content);
        Assert.Equal("call-4:result", results[3].MessageId);
        Assert.Equal("success", Assert.IsType<RunFinishedEvent>(events[^1]).Outcome.Type);
    }

    [Fact]
    public void A_cancelled_run_closes_every_open_message_and_step_then_finishes_with_outcome_cancelled()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.RunCancelledMidMessage().Events);

        Assert.Empty(AguiSequenceChecker.Violations(events));
        var tail = events.SkipWhile(e => e is not CustomEvent { Name: "job.cancelling" }).Skip(1).Select(Describe).ToList();
        Assert.Equal(
            ["TEXT_MESSAGE_CONTENT msg-1", "TEXT_MESSAGE_END msg-1", "STATE_SNAPSHOT", "STEP_FINISHED analyze_sentiment",
             "STEP_FINISHED review", "RUN_FINISHED cancelled"],
            tail);
        var state = events.OfType<StateSnapshotEvent>().Last().Snapshot;
        Assert.Equal("cancelled", state.GetProperty("outcome").GetString());
        Assert.Equal("cancelled", state.GetProperty("elements").GetProperty("review").GetProperty("status").GetString());
        Assert.Contains(events, e => e is CustomEvent { Name: "job.cancel.requested" });
    }

    [Fact]
    public void A_failure_end_without_a_cancel_is_a_RUN_ERROR()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.FailureEnd().Events);

        Assert.Empty(AguiSequenceChecker.Violations(events));
        var error = Assert.IsType<RunErrorEvent>(events[^1]);
        Assert.Equal(("fetch_data failed", "workflow_failed"), (error.Message, error.Code));
        Assert.DoesNotContain(events, e => e is RunFinishedEvent);
    }

    [Fact]
    public void A_run_whose_job_failed_closes_what_is_open_and_ends_in_RUN_ERROR()
    {
        var events = AguiProjector.ProjectAll(SampleRuns.JobFailed().Events);

        Assert.Equal(
            ["TEXT_MESSAGE_END msg-1", "STATE_SNAPSHOT", "STEP_FINISHED analyze_sentiment", "RUN_ERROR"],
            events.SkipWhile(e => e is not TextMessageContentEvent).Skip(1).Select(Describe));
        Assert.Equal("run_failed", ((RunErrorEvent)events[^1]).Code);
    }

    [Fact]
    public void Nothing_follows_the_end_of_the_run_and_a_repeated_event_maps_to_nothing()
    {
        var run = SampleRuns.Completed();
        var projector = new AguiProjector();
        foreach (var e in run.Events) projector.Project(e);

        Assert.True(projector.IsFinished);
        Assert.Empty(projector.Project(run.Events[^1] with { Seq = 1000 }));
        var fresh = new AguiProjector();
        Assert.NotEmpty(fresh.Project(run.Events[2]));
        Assert.Empty(fresh.Project(run.Events[2]));
    }

    [Fact]
    public void The_same_history_always_gives_the_same_stream()
    {
        foreach (var (name, run) in SampleRuns.All)
        {
            var once = AguiProjector.ProjectAll(run.Events).Select(AguiWire.Json);
            var twice = AguiProjector.ProjectAll(run.Events).Select(AguiWire.Json);
            Assert.True(once.SequenceEqual(twice), name);
        }
    }

    [Fact]
    public void A_run_cancelled_before_it_started_is_still_a_valid_stream()
    {
        var run = new RunHistory("run-pending").Created().JobCancelRequested().JobCancelled();

        var events = AguiProjector.ProjectAll(run.Events, threadId: "thread-9");

        Assert.Equal(["RUN_STARTED", "CUSTOM", "STATE_SNAPSHOT", "RUN_FINISHED"], events.Select(e => e.Type));
        Assert.Equal(("thread-9", "run-pending"), (((RunStartedEvent)events[0]).ThreadId, ((RunStartedEvent)events[0]).RunId));
        Assert.Empty(AguiSequenceChecker.Violations(events));
    }

    internal static string Describe(AguiEvent e) => e switch
    {
        TextMessageContentEvent c => $"{e.Type} {c.MessageId}",
        TextMessageEndEvent m => $"{e.Type} {m.MessageId}",
        StepFinishedEvent s => $"{e.Type} {s.StepName}",
        StepStartedEvent s => $"{e.Type} {s.StepName}",
        RunFinishedEvent f => $"{e.Type} {f.Outcome.Type}",
        CustomEvent c => $"{e.Type} {c.Name}",
        _ => e.Type,
    };

    private static int Index(IReadOnlyList<AguiEvent> events, AguiEvent e) => events.ToList().FindIndex(x => ReferenceEquals(x, e));

}

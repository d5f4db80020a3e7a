using System.Text;
using System.Text.Json;
using Quell.Agents.Events;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Loading;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Engine;

/// <summary>Issue 4's acceptance with the scripted model and the feedback sample.</summary>
public sealed class SampleRunTests
{
    private const string Owner = "alice";

    private static string ScriptText(string elementId) =>
        ((AgenticTask)WorkflowLoader.LoadFile(WorkflowHost.SamplePath("feedback-analysis.yaml")).GetElement(elementId)).Agent.Script!.Text;

    [Fact]
    public async Task Cancelling_the_streaming_task_at_about_30_percent_keeps_a_prefix_routes_to_task_c_and_replays_the_same_after_a_restart()
    {
        var host = await WorkflowHost.StartAsync(keepData: true);
        var dataDirectory = host.DataDirectory;
        string runId;
        string liveJson;
        await using (host)
        {
            await host.PutSampleAsync();
            var run = await host.StartAsync("feedback-analysis");
            runId = run.Id;
            var live = LiveProjectionAsync(host, runId);

            var text = ScriptText("extract_keywords");
            var streamed = new StringBuilder();
            await host.WaitForEventAsync(runId, e =>
            {
                if (e.Type == AgentEventTypes.MessageDelta && WorkflowHost.Str(e.Data, "elementId") == "extract_keywords")
                {
                    streamed.Append(WorkflowHost.Str(e.Data, "delta"));
                }
                return streamed.Length >= text.Length * 0.3;
            });
            var cancel = await host.Runs.CancelElementAsync(runId, "extract_keywords", Owner, CancellationReason.UserRequested, "Taking too long");
            Assert.Equal(ElementCancelOutcomeKind.Requested, cancel.Kind);

            var done = await host.WaitForEndAsync(runId);
            Assert.Equal(JobStatus.Failed, done.Status);
            Assert.Contains("Task extract_keywords was cancelled", done.Error, StringComparison.Ordinal);

            var view = (await host.Runs.GetAsync(runId, Owner))!;
            Assert.Equal("failed", view.Outcome);
            var keywords = view.Elements.Single(e => e.ElementId == "extract_keywords");
            Assert.Equal("cancelled", keywords.Status);
            var partial = keywords.PartialResult!.Value;
            var partialResponse = partial.GetProperty("partial_response").GetString()!;
            Assert.NotEmpty(partialResponse);
            Assert.True(partialResponse.Length < text.Length, "the partial response must end mid-text");
            Assert.StartsWith(partialResponse, text, StringComparison.Ordinal);
            Assert.True(partial.GetProperty("tokens_used").GetInt64() > 0);
            Assert.Equal("cancelled", partial.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(partial.GetProperty("reason").GetString()));

            var events = await host.EventsAsync(runId);
            var cancelled = Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelled);
            Assert.Equal("user_requested", WorkflowHost.Str(cancelled.Data, "reason"));
            Assert.Equal("Taking too long", WorkflowHost.Str(cancelled.Data, "message"));
            var cancelling = Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelling);
            Assert.True(cancelling.Seq < cancelled.Seq);

            // The gateway still evaluates after the cancelled task and takes the Task C path; the parallel branch completes.
            var gateway = Assert.Single(events, e => e.Type == WorkflowEventTypes.GatewayEvaluated && WorkflowHost.Str(e.Data, "elementId") == "keywords_done");
            Assert.Equal("flow_keywords_cancelled", gateway.Data.GetProperty("flows")[0].GetString());
            Assert.Equal("completed", Status(view, "task_c"));
            Assert.Equal("completed", Status(view, "end_failed"));
            Assert.Equal("completed", Status(view, "count_channels"));
            Assert.Equal("completed", Status(view, "end_channels"));
            Assert.DoesNotContain(view.Elements, e => e.ElementId is "generate_report" or "end_report");
            var message = Assert.Single(view.Messages, m => m.ElementId == "extract_keywords");
            Assert.Equal("cancelled", message.Status);
            Assert.True(message.Cancelled);

            Assert.Equal(WorkflowEventTypes.RunStarted, events.First(e => !e.Type.StartsWith("job.", StringComparison.Ordinal)).Type);
            Assert.Equal(WorkflowEventTypes.RunFinished, events.Last(e => !e.Type.StartsWith("job.", StringComparison.Ordinal)).Type);

            liveJson = JsonSerializer.Serialize(await live);
        }

        // Replay on a new host over the same data directory equals what a live watcher built.
        var reopened = await WorkflowHost.StartAsync(dataDirectory);
        await using (reopened)
        {
            var replay = (await reopened.Runs.ReplayAsync(runId, Owner))!;
            Assert.Equal(liveJson, JsonSerializer.Serialize(replay.Run));
            Assert.Contains(replay.Timeline, t => t.Type == WorkflowEventTypes.TaskCancelled && t.ElementId == "extract_keywords");
            Assert.Equal(replay.Timeline.Select(t => t.Seq).Order(), replay.Timeline.Select(t => t.Seq));
        }
    }

    [Fact]
    public async Task Cancelling_after_tool_3_of_5_keeps_three_complete_tool_results_and_names_tool_4()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.PutSampleAsync();
        // The first extract_keywords call is the extract_keywords task's own; the second is generate_report's tool 3.
        var toolThree = host.Tools.Hold("extract_keywords", occurrence: 2);
        var run = await host.StartAsync("feedback-analysis");

        var ended = host.WaitForEndAsync(run.Id);
        if (await Task.WhenAny(toolThree.Started.Task, ended).WaitAsync(TimeSpan.FromSeconds(60)) == ended)
        {
            var view = await host.Runs.GetAsync(run.Id, Owner);
            var end = await ended;
            Assert.Fail($"The run ended ({end.Status}: {end.Error}) before tool 3 of generate_report started; calls: {string.Join(",", host.Tools.Calls)}; elements: {string.Join(", ", view!.Elements.Select(e => e.ElementId + "=" + e.Status + " " + e.Error))}");
        }
        var cancel = await host.Runs.CancelElementAsync(run.Id, "generate_report", Owner);
        Assert.Equal(ElementCancelOutcomeKind.Requested, cancel.Kind);
        await host.WaitForAsync(run.Id, WorkflowEventTypes.TaskCancelling, "generate_report");
        toolThree.Release();

        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Failed, done.Status);
        var report = (await host.Runs.GetAsync(run.Id, Owner))!.Elements.Single(e => e.ElementId == "generate_report");
        Assert.Equal("cancelled", report.Status);
        var partial = report.PartialResult!.Value;
        var results = partial.GetProperty("tool_results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("complete", r.GetProperty("status").GetString()));
        Assert.Equal(["fetch_data", "analyze_sentiment", "extract_keywords"], results.Select(r => r.GetProperty("tool").GetString()));
        var reason = partial.GetProperty("reason").GetString()!;
        Assert.Contains("tool #4", reason, StringComparison.Ordinal);
        Assert.Contains("generate_report", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("publish_report", host.Tools.Calls);
    }

    [Fact]
    public async Task Cancelling_the_whole_run_cancels_the_running_cancellable_task_and_starts_nothing_new()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.PutSampleAsync();
        var run = await host.StartAsync("feedback-analysis");
        await host.WaitForAsync(run.Id, AgentEventTypes.MessageDelta, "analyze_sentiment");

        var outcome = await host.Runs.CancelRunAsync(run.Id, Owner, CancellationReason.UserRequested, "Stop everything");
        Assert.NotNull(outcome);

        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Cancelled, done.Status);
        var view = (await host.Runs.GetAsync(run.Id, Owner))!;
        Assert.Equal("cancelled", view.Outcome);
        Assert.Equal("cancelled", Status(view, "analyze_sentiment"));
        Assert.DoesNotContain(view.Elements, e => e.ElementId is "extract_keywords" or "task_c" or "generate_report");
        var events = await host.EventsAsync(run.Id);
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelling && WorkflowHost.Str(e.Data, "elementId") == "analyze_sentiment");
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelled && WorkflowHost.Str(e.Data, "elementId") == "analyze_sentiment");
        var finished = Assert.Single(events, e => e.Type == WorkflowEventTypes.RunFinished);
        Assert.Equal("cancelled", WorkflowHost.Str(finished.Data, "outcome"));
    }

    [Fact]
    public async Task The_sample_runs_the_same_from_yaml_and_from_bpmn()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.PutSampleAsync("fb-yaml", "feedback-analysis.yaml");
        await host.PutSampleAsync("fb-bpmn", "feedback-analysis.bpmn");
        var yaml = await host.StartAsync("fb-yaml");
        var bpmn = await host.StartAsync("fb-bpmn");

        var yamlDone = await host.WaitForEndAsync(yaml.Id);
        var bpmnDone = await host.WaitForEndAsync(bpmn.Id);
        Assert.Equal(JobStatus.Completed, yamlDone.Status);
        Assert.Equal(JobStatus.Completed, bpmnDone.Status);
        Assert.Equal(Trace(await host.EventsAsync(yaml.Id)), Trace(await host.EventsAsync(bpmn.Id)));
        var yamlView = (await host.Runs.GetAsync(yaml.Id, Owner))!;
        var bpmnView = (await host.Runs.GetAsync(bpmn.Id, Owner))!;
        Assert.Equal("success", yamlView.Outcome);
        Assert.Equal(Texts(yamlView), Texts(bpmnView));
        Assert.Equal("completed", Status(yamlView, "end_report"));
    }

    // Per path order is fixed; across the two parallel paths it is not, so compare each element's own events, by element.
    private static string Trace(IEnumerable<Quell.Events.JobEvent> events) => string.Join("\n", events
        .Where(e => e.Type.StartsWith("workflow.", StringComparison.Ordinal) && WorkflowHost.Str(e.Data, "elementId") is not null)
        .GroupBy(e => WorkflowHost.Str(e.Data, "elementId"))
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key + ": " + string.Join(",", g.Select(e => e.Type + (e.Type == WorkflowEventTypes.GatewayEvaluated ? e.Data.GetProperty("flows").GetRawText() : "")))));

    private static string Texts(RunView view) =>
        string.Join("\n", view.Messages.OrderBy(m => m.ElementId, StringComparer.Ordinal).Select(m => m.ElementId + ": " + m.Content));

    private static string? Status(RunView view, string elementId) => view.Elements.SingleOrDefault(e => e.ElementId == elementId)?.Status;

    private static async Task<RunView> LiveProjectionAsync(WorkflowHost host, string runId)
    {
        var projection = new RunProjection(runId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var e in host.Jobs.WatchAsync(runId, Owner, 0, includeTransient: true, timeout.Token)) projection.Apply(e);
        return projection.View();
    }
}

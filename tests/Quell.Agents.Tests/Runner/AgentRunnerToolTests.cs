using Quell.Agents.Events;
using Quell.Agents.Runner;
using Quell.Agents.Scripted;
using Quell.Agents.Tests.Infrastructure;
using Quell.Agents.Tools;
using Quell.Cancellation;

namespace Quell.Agents.Tests.Runner;

/// <summary>The agent loop against a real MCP server (the SDK's, in process) with the seed's five tools.</summary>
public sealed class AgentRunnerToolTests
{
    [Fact]
    public async Task The_model_calls_all_five_tools_in_order_then_answers()
    {
        await using var server = await InProcessToolServer.StartAsync();
        await using var tools = await AgentToolbox.FromClientsAsync([(server.Client, null)]);
        var script = Scripts.FiveTools();
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        var result = await new AgentRunner().RunAsync(Scripts.Task(script), client, tools, cancel.Cancellation, events);

        Assert.Equal(AgentResult.Completed, result.Status);
        Assert.Equal("Report ready.", result.Response);
        Assert.Equal(InProcessToolServer.ToolNames, result.ToolResults.Select(r => r.Tool));
        Assert.All(result.ToolResults, r => Assert.Equal("complete", r.Status));
        Assert.Equal("analyze_sentiment-input", result.ToolResults[1].Result!.Value.GetProperty("input").GetString());
        Assert.Equal(InProcessToolServer.ToolNames, server.Calls);
        Assert.Equal([1, 2, 3, 4, 5], events.OfType(AgentEventTypes.ToolStart).Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal(5, events.Checkpoints.Count(c => c == "before_tool"));
        Assert.Equal(5, events.Checkpoints.Count(c => c == "after_tool"));
    }

    [Fact]
    public async Task Cancel_while_tool_3_runs_waits_for_it_and_names_tool_4_in_the_reason()
    {
        await using var server = await InProcessToolServer.StartAsync();
        await using var tools = await AgentToolbox.FromClientsAsync([(server.Client, null)]);
        var third = server.Hold("extract_keywords");
        var script = Scripts.FiveTools();
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        var run = new AgentRunner().RunAsync(Scripts.Task(script), client, tools, cancel.Cancellation, events);
        await third.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel(CancellationReason.UserRequested, "seen enough");
        await Task.Delay(50);
        Assert.False(run.IsCompleted, "a tool in flight is waited for by default");
        third.Release();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentResult.Cancelled, result.Status);
        Assert.Equal(["fetch_data", "analyze_sentiment", "extract_keywords"], result.ToolResults.Select(r => r.Tool));
        Assert.All(result.ToolResults, r => Assert.Equal("complete", r.Status));
        Assert.Equal("User cancelled before tool #4 (generate_report)", result.Reason);
        Assert.Equal("before_tool", result.Checkpoint);
        Assert.False(third.CancelledByClient.Task.IsCompleted, "the waited-for tool was not cancelled");
        Assert.Equal(3, server.Calls.Count);
        Assert.Equal(3, events.OfType(AgentEventTypes.ToolEnd).Count);
        Assert.Equal(["before_tool", "after_tool", "before_tool", "after_tool", "before_tool", "after_tool", "before_tool"],
            events.Checkpoints.Where(c => c.EndsWith("_tool", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_cancelInFlightTools_the_tool_server_sees_its_request_cancelled()
    {
        await using var server = await InProcessToolServer.StartAsync();
        await using var tools = await AgentToolbox.FromClientsAsync([(server.Client, null)]);
        var second = server.Hold("analyze_sentiment");
        var script = Scripts.FiveTools();
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        var run = new AgentRunner().RunAsync(Scripts.Task(script, t => t.CancelInFlightTools = true), client, tools, cancel.Cancellation, events);
        await second.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel(CancellationReason.UserRequested);

        await second.CancelledByClient.Task.WaitAsync(TimeSpan.FromSeconds(30)); // notifications/cancelled reached the handler
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(AgentResult.Cancelled, result.Status);
        Assert.Equal("User cancelled during tool #2 (analyze_sentiment)", result.Reason);
        Assert.Equal(["fetch_data"], result.ToolResults.Select(r => r.Tool));
        var end = events.OfType(AgentEventTypes.ToolEnd)[^1];
        Assert.Equal("cancelled", end.GetProperty("status").GetString());
        Assert.Equal(2, end.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Cancels_after_any_tool_leave_only_complete_results_and_never_start_another_tool()
    {
        for (var i = 0; i < 20; i++)
        {
            await using var server = await InProcessToolServer.StartAsync();
            await using var tools = await AgentToolbox.FromClientsAsync([(server.Client, null)]);
            var script = Scripts.FiveTools();
            var events = new RecordingEventSink();
            using var cancel = new AgentCancellationSource();
            using var client = new ScriptedChatClient(script);
            var run = new AgentRunner().RunAsync(Scripts.Task(script), client, tools, cancel.Cancellation, events);
            await Task.Delay(i % 7);
            cancel.Cancel(CancellationReason.UserRequested);
            var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

            if (result.Status == AgentResult.Completed) continue;
            Assert.Equal(server.Calls.Count, result.ToolResults.Count);
            Assert.All(result.ToolResults, r => Assert.Equal("complete", r.Status));
            Assert.Equal(events.OfType(AgentEventTypes.ToolStart).Count, events.OfType(AgentEventTypes.ToolEnd).Count);
        }
    }

    [Fact]
    public async Task An_allow_list_hides_the_other_tools_and_a_missing_name_is_an_error()
    {
        await using var server = await InProcessToolServer.StartAsync();
        await using var tools = await AgentToolbox.FromClientsAsync([(server.Client, ["fetch_data", "generate_report"])]);
        Assert.Equal(["fetch_data", "generate_report"], tools.Tools.Select(t => t.Name).Order());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AgentToolbox.FromClientsAsync([(server.Client, ["delete_everything"])]));
        Assert.Contains("delete_everything", error.Message, StringComparison.Ordinal);
    }
}

using Quell.Agents.Events;
using Quell.Agents.Runner;
using Quell.Agents.Scripted;
using Quell.Agents.Tests.Infrastructure;
using Quell.Cancellation;

namespace Quell.Agents.Tests.Runner;

public sealed class AgentRunnerStreamingTests
{
    private static readonly int ScriptTokenCount = ScriptTokens.Count(Scripts.Analysis);

    [Fact]
    public async Task An_uncancelled_run_streams_the_whole_script_and_completes()
    {
        var script = new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 0, TokensPerChunk = 2 };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        var result = await new AgentRunner().RunAsync(Scripts.Task(script), client, null, cancel.Cancellation, events);

        Assert.Equal(AgentResult.Completed, result.Status);
        Assert.Equal(Scripts.Analysis, result.Response);
        Assert.True(result.TokensUsed > ScriptTokenCount, "input and output tokens both count");
        var start = Assert.Single(events.OfType(AgentEventTypes.MessageStart));
        Assert.True(start.GetProperty("model").GetProperty("scripted").GetBoolean());
        Assert.Equal("scripted", start.GetProperty("model").GetProperty("provider").GetString());
        Assert.Equal(Scripts.Analysis, string.Concat(events.OfType(AgentEventTypes.MessageDelta).Select(d => d.GetProperty("delta").GetString())));
        Assert.Equal("complete", Assert.Single(events.OfType(AgentEventTypes.MessageEnd)).GetProperty("status").GetString());
        Assert.Equal(events.OfType(AgentEventTypes.MessageDelta).Count, events.Checkpoints.Count(c => c == "between_chunks"));
        Assert.Equal(result.TokensUsed, events.OfType(AgentEventTypes.Usage)[^1].GetProperty("totalTokens").GetInt64());
    }

    [Fact]
    public async Task Cancel_at_about_30_percent_keeps_a_prefix_of_the_script_and_the_tokens_used()
    {
        var script = new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 200 };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);
        var third = ScriptTokenCount * 3 / 10;

        var result = await new AgentRunner().RunAsync(Scripts.Task(script), client, null, cancel.Cancellation, events, progress =>
        {
            if (progress.Text.Length > 0 && ScriptTokens.Count(progress.Text) == third) cancel.Cancel(CancellationReason.UserRequested, "enough");
        });

        Assert.Equal(AgentResult.Cancelled, result.Status);
        Assert.StartsWith(result.PartialResponse!, Scripts.Analysis, StringComparison.Ordinal);
        Assert.Equal(third, ScriptTokens.Count(result.PartialResponse));
        Assert.True(result.TokensUsed > 0);
        Assert.Equal("User cancelled during streaming", result.Reason);
        Assert.Equal("user_requested", result.ReasonCode);
        Assert.Equal("Analysis partially completed (cancelled by user)", result.Analysis);
        Assert.Equal("between_chunks", result.Checkpoint);
        Assert.Equal("cancelled", Assert.Single(events.OfType(AgentEventTypes.MessageEnd)).GetProperty("status").GetString());
        Assert.Equal(third, events.OfType(AgentEventTypes.MessageDelta).Count);
    }

    [Fact]
    public async Task A_cancel_from_another_thread_at_any_moment_leaves_a_consistent_partial_result()
    {
        // Race-prone: the cancel lands anywhere (before the first chunk, mid-pause, between a chunk and its events).
        var script = new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 2000 };
        for (var i = 0; i < 60; i++)
        {
            var events = new RecordingEventSink();
            using var cancel = new AgentCancellationSource();
            using var client = new ScriptedChatClient(script);
            var run = new AgentRunner().RunAsync(Scripts.Task(script), client, null, cancel.Cancellation, events);
            await Task.Delay(i % 12);
            cancel.Cancel(CancellationReason.UserRequested);
            var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

            if (result.Status == AgentResult.Completed) continue; // the script finished first: nothing to check
            var deltas = string.Concat(events.OfType(AgentEventTypes.MessageDelta).Select(d => d.GetProperty("delta").GetString()));
            Assert.Equal(deltas, result.PartialResponse);
            Assert.StartsWith(result.PartialResponse!, Scripts.Analysis, StringComparison.Ordinal);
            var ends = events.OfType(AgentEventTypes.MessageEnd);
            Assert.Equal(events.OfType(AgentEventTypes.MessageStart).Count, ends.Count);
            Assert.All(ends, e => Assert.Equal("cancelled", e.GetProperty("status").GetString()));
            Assert.Equal(AgentEventTypes.Usage, events.Events[^1].Type);
        }
    }

    [Fact]
    public async Task A_spent_token_budget_stops_the_task_with_resource_limit()
    {
        var script = new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 0 };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);
        var task = Scripts.Task(script, t => t.Budget = new AgentBudget { MaxTokens = 25 });

        var result = await new AgentRunner().RunAsync(task, client, null, cancel.Cancellation, events);

        Assert.Equal(AgentResult.Cancelled, result.Status);
        Assert.Equal("resource_limit", result.ReasonCode);
        Assert.Equal(CancellationReason.ResourceLimit, cancel.Info!.Reason);
        Assert.StartsWith("Token budget exceeded", result.Reason, StringComparison.Ordinal);
        Assert.Equal(26, result.TokensUsed); // stops on the chunk that passed the budget, one token per chunk
        Assert.True(result.PartialResponse!.Length < Scripts.Analysis.Length);
    }
}

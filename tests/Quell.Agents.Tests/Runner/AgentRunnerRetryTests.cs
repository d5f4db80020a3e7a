using System.Diagnostics;
using Quell.Agents.Events;
using Quell.Agents.Runner;
using Quell.Agents.Scripted;
using Quell.Agents.Tests.Infrastructure;
using Quell.Cancellation;

namespace Quell.Agents.Tests.Runner;

public sealed class AgentRunnerRetryTests
{
    [Fact]
    public async Task A_429_on_the_first_attempt_is_retried_with_an_event_and_a_checkpoint_then_succeeds()
    {
        var script = new ChatScript { Text = "Recovered.", TokensPerSecond = 0, Failures = [new ScriptedFailure { Attempt = 1, StatusCode = 429 }] };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        var result = await new AgentRunner().RunAsync(Scripts.Task(script), client, null, cancel.Cancellation, events);

        Assert.Equal(AgentResult.Completed, result.Status);
        Assert.Equal("Recovered.", result.Response);
        Assert.Equal(2, client.Calls);
        var retry = Assert.Single(events.OfType(AgentEventTypes.Retry));
        Assert.Equal(1, retry.GetProperty("attempt").GetInt32());
        Assert.Equal(10, retry.GetProperty("delayMs").GetInt64());
        Assert.Contains("429", retry.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("between_retries", events.Checkpoints);
        var order = events.Events.Select(e => e.Type).ToList();
        Assert.True(order.IndexOf(AgentEventTypes.Retry) < order.IndexOf(AgentEventTypes.MessageStart));
    }

    [Fact]
    public async Task Delays_grow_by_the_multiplier_and_the_last_failure_fails_the_task()
    {
        var script = new ChatScript
        {
            TokensPerSecond = 0,
            Failures = [new ScriptedFailure { Attempt = 1, StatusCode = 503 }, new ScriptedFailure { Attempt = 2, StatusCode = 500 }, new ScriptedFailure { Attempt = 3, StatusCode = 502 }],
        };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);
        var task = Scripts.Task(script, t => t.Retry = new AgentRetryOptions { Max = 2, InitialDelay = TimeSpan.FromMilliseconds(5), Multiplier = 3 });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new AgentRunner().RunAsync(task, client, null, cancel.Cancellation, events));

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal([5L, 15L], events.OfType(AgentEventTypes.Retry).Select(r => r.GetProperty("delayMs").GetInt64()));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var script = new ChatScript { Text = "never", Failures = [new ScriptedFailure { Attempt = 1, StatusCode = 400 }] };
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            new AgentRunner().RunAsync(Scripts.Task(script), client, null, cancel.Cancellation, new RecordingEventSink()));
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task A_cancel_during_the_pause_before_a_retry_stops_at_once_between_retries()
    {
        var script = new ChatScript { Text = "never", Failures = [new ScriptedFailure { Attempt = 1, StatusCode = 429 }] };
        var events = new RecordingEventSink();
        using var cancel = new AgentCancellationSource();
        using var client = new ScriptedChatClient(script);
        var task = Scripts.Task(script, t => t.Retry = new AgentRetryOptions { InitialDelay = TimeSpan.FromMinutes(5) });

        var run = new AgentRunner().RunAsync(task, client, null, cancel.Cancellation, events);
        await events.WaitForAsync((type, _) => type == AgentEventTypes.Retry);
        var clock = Stopwatch.StartNew();
        cancel.Cancel(CancellationReason.UserRequested);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the five-minute pause was not waited out");
        Assert.Equal(AgentResult.Cancelled, result.Status);
        Assert.Equal("between_retries", result.Checkpoint);
        Assert.Equal("User cancelled between retries (before attempt 2)", result.Reason);
        Assert.Equal(1, client.Calls);
    }
}

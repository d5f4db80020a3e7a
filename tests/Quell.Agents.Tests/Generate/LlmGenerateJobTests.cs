using System.Diagnostics;
using System.Text.Json;
using Quell.Agents.Events;
using Quell.Agents.Scripted;
using Quell.Agents.Tests.Infrastructure;
using Quell.Testing;
using Quell.Events;
using Quell.Jobs;
using Xunit.Abstractions;

namespace Quell.Agents.Tests.Generate;

/// <summary><c>llm.generate</c> through the real runtime (SQLite store) against real HTTP streaming.</summary>
public sealed class LlmGenerateJobTests(ITestOutputHelper output)
{
    private static readonly string[] Words = [.. Enumerable.Range(1, 300).Select(i => $"word{i} ")];

    [Fact]
    public async Task Cancel_closes_the_http_stream_at_once_and_keeps_the_text_so_far()
    {
        await using var server = await StreamingChatServer.StartAsync(Words, TimeSpan.FromMilliseconds(100));
        await using var runtime = await AgentsRuntime.StartAsync();
        var job = await runtime.SubmitAsync("llm.generate", new { prompt = "Write many words.", provider = "openai", baseUrl = server.BaseUrl, model = "local-model" });
        await WaitUntilAsync(async () => (await runtime.EventsAsync(job.Id)).Count(e => e.Type == AgentEventTypes.MessageDelta) >= 5);

        var cancelledAt = Stopwatch.GetTimestamp();
        await runtime.Jobs.CancelAsync(job.Id, new CancelRequest("alice", Message: "enough"));
        var accepted = Stopwatch.GetElapsedTime(cancelledAt);
        var closedAt = await server.ConnectionClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var latency = Stopwatch.GetElapsedTime(cancelledAt, closedAt);
        // The request is made durable before the job's token fires, so the store's write is part of this time.
        output.WriteLine($"cancel request to connection closed at the server: {latency.TotalMilliseconds:0.0} ms " +
            $"(of which the durable cancel request: {accepted.TotalMilliseconds:0.0} ms)");
        // A sanity bound only: the 100 ms target is measured by the bench's llm-cancel scenario (docs/performance.md);
        // this first cancel of a fresh process took 15-38 ms in ten runs on an idle machine.
        Assert.True(latency < TimeSpan.FromSeconds(5), $"the stream closed {latency.TotalMilliseconds} ms after the cancel");

        var end = await runtime.WaitForEndAsync(job.Id);
        Assert.Equal(JobStatus.Cancelled, end.Status);
        var partial = await runtime.Jobs.GetPartialResultsAsync(job.Id, "alice");
        var kept = Assert.Single(partial!.Results);
        var text = kept.GetProperty("text").GetString()!;
        Assert.EndsWith("\n\n[Response cancelled]", text, StringComparison.Ordinal);
        var streamed = text[..^"\n\n[Response cancelled]".Length];
        Assert.True(streamed.Length > 0);
        Assert.StartsWith(streamed, string.Concat(Words), StringComparison.Ordinal);
        Assert.True(kept.GetProperty("tokensUsed").GetInt64() > 0);
        Assert.Equal("cancelled", kept.GetProperty("status").GetString());
        Assert.False(kept.GetProperty("model").GetProperty("scripted").GetBoolean());

        var events = await runtime.EventsAsync(job.Id);
        var cancelled = Assert.Single(events, e => e.Type == JobEventTypes.Cancelled);
        Assert.Equal("between_chunks", cancelled.Data.GetProperty("checkpoint").GetString());
        var start = Assert.Single(events, e => e.Type == AgentEventTypes.MessageStart);
        Assert.Equal("openai", start.Data.GetProperty("model").GetProperty("provider").GetString());
        Assert.Equal("cancelled", Assert.Single(events, e => e.Type == AgentEventTypes.MessageEnd).Data.GetProperty("status").GetString());
        var deltas = string.Concat(events.Where(e => e.Type == AgentEventTypes.MessageDelta).Select(e => e.Data.GetProperty("delta").GetString()));
        Assert.Equal(streamed, deltas);
        Assert.True(events.FindIndex(e => e.Type == AgentEventTypes.MessageEnd) < events.FindIndex(e => e.Type == JobEventTypes.Cancelled));
    }

    [Fact]
    public async Task An_uncancelled_stream_completes_with_the_whole_text_and_the_servers_usage()
    {
        await using var server = await StreamingChatServer.StartAsync(Words[..20], TimeSpan.FromMilliseconds(1));
        await using var runtime = await AgentsRuntime.StartAsync();
        var job = await runtime.SubmitAsync("llm.generate", new { prompt = "Write twenty words.", provider = "openai", baseUrl = server.BaseUrl, model = "local-model" });

        var end = await runtime.WaitForEndAsync(job.Id);

        Assert.True(end.Status == JobStatus.Completed, end.Error);
        var result = end.Result!.Value;
        Assert.Equal(string.Concat(Words[..20]), result.GetProperty("text").GetString());
        Assert.Equal(27, result.GetProperty("tokensUsed").GetInt64()); // 7 prompt + 20 completion, as the server reported
        Assert.Equal("local-model", result.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_scripted_model_is_labelled_scripted_in_the_result_and_the_history()
    {
        await using var runtime = await AgentsRuntime.StartAsync();
        var script = new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 0, TokensPerChunk = 4 };
        var job = await runtime.SubmitAsync("llm.generate", new { prompt = "Summarise.", script });

        var end = await runtime.WaitForEndAsync(job.Id);

        Assert.True(end.Status == JobStatus.Completed, end.Error);
        Assert.Equal(Scripts.Analysis, end.Result!.Value.GetProperty("text").GetString());
        Assert.True(end.Result.Value.GetProperty("model").GetProperty("scripted").GetBoolean());
        var start = Assert.Single(await runtime.EventsAsync(job.Id), e => e.Type == AgentEventTypes.MessageStart);
        Assert.Equal(JsonValueKind.True, start.Data.GetProperty("model").GetProperty("scripted").ValueKind);
        Assert.Equal("scripted", start.Data.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_at_submission()
    {
        await using var runtime = await AgentsRuntime.StartAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => runtime.SubmitAsync("llm.generate", new { prompt = "", provider = "openai" }));
        Assert.Contains("prompt is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("model is required", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition()) await Task.Delay(20, timeout.Token);
    }
}

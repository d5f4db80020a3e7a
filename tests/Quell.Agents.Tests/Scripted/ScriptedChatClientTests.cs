using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Quell.Agents.Models;
using Quell.Agents.Scripted;
using Quell.Agents.Tests.Infrastructure;

namespace Quell.Agents.Tests.Scripted;

public sealed class ScriptedChatClientTests
{
    [Fact]
    public void It_says_it_is_scripted_in_its_metadata()
    {
        using var client = ChatClientFactory.Create(new AgentModelOptions());
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("scripted", metadata!.ProviderName);
        Assert.Equal("scripted", metadata.DefaultModelId);
    }

    [Fact]
    public async Task It_streams_the_script_in_chunks_of_the_given_size_and_counts_them_as_usage()
    {
        using var client = new ScriptedChatClient(new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 0, TokensPerChunk = 3 });
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")])) updates.Add(update);

        var texts = updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(Scripts.Analysis, string.Concat(texts));
        Assert.Equal((int)Math.Ceiling(ScriptTokens.Count(Scripts.Analysis) / 3.0), texts.Count);
        Assert.All(updates, u => Assert.Equal("scripted", u.ModelId));
        var output = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Sum(u => u.Details.OutputTokenCount);
        Assert.Equal(ScriptTokens.Count(Scripts.Analysis), output);
    }

    [Fact]
    public async Task It_waits_on_the_time_provider_between_chunks_and_stops_at_once_on_cancel()
    {
        var time = new FakeTimeProvider();
        using var client = new ScriptedChatClient(new ChatScript { Text = Scripts.Analysis, TokensPerSecond = 10 }, time);
        using var cancel = new CancellationTokenSource();
        var received = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "go")], cancellationToken: cancel.Token))
            {
                if (update.Text.Length > 0) lock (received) received.Add(update.Text);
            }
        });

        await Task.Delay(200);
        lock (received) Assert.Empty(received); // nothing streams until the fake clock moves
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Count(received) < 3)
            {
                time.Advance(TimeSpan.FromMilliseconds(100)); // one token at 10 tokens/s
                await Task.Delay(5, deadline.Token);
            }
        }
        await cancel.CancelAsync();
        var atCancel = Count(received);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(atCancel, Count(received));
        Assert.True(atCancel < ScriptTokens.Count(Scripts.Analysis));
    }

    [Fact]
    public async Task A_scripted_failure_throws_an_http_error_with_its_status_on_that_call_only()
    {
        using var client = new ScriptedChatClient(new ChatScript
        {
            Text = "fine", TokensPerSecond = 0, Failures = [new ScriptedFailure { Attempt = 1, StatusCode = 429 }],
        });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]);
        Assert.Equal("fine", response.Text);
        Assert.Equal(2, client.Calls);
    }

    [Fact]
    public void A_bad_script_is_refused_with_sentences_that_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatClientFactory.Create(new AgentModelOptions
        {
            Script = new ChatScript { TokensPerChunk = 0, Failures = [new ScriptedFailure { StatusCode = 200 }] },
        }));
        Assert.Contains("tokensPerChunk", error.Message, StringComparison.Ordinal);
        Assert.Contains("statusCode", error.Message, StringComparison.Ordinal);
    }

    private static int Count(List<string> received)
    {
        lock (received) return received.Count;
    }
}

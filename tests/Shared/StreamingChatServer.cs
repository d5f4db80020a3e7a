using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Quell.Testing;

/// <summary>
/// A local OpenAI-compatible server on 127.0.0.1 (Kestrel, a free port): <c>POST /v1/chat/completions</c> answers
/// with <c>text/event-stream</c> chat-completion chunks, one token every <see cref="Interval"/>, then usage and
/// <c>[DONE]</c>. It notes the moment the client's connection closed (the request was aborted). Shared by the
/// agents tests and the bench's <c>llm-cancel</c> scenario (linked into both projects).
/// </summary>
public sealed class StreamingChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _chunksSent;
    private StreamedRequest _next = new();

    private StreamingChatServer(WebApplication app, IReadOnlyList<string> tokens, TimeSpan interval)
    {
        _app = app;
        Tokens = tokens;
        Interval = interval;
    }

    public IReadOnlyList<string> Tokens { get; }

    public TimeSpan Interval { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public int ChunksSent => Volatile.Read(ref _chunksSent);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which a client's connection first closed.</summary>
    public TaskCompletionSource<long> ConnectionClosed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the next request will report: its chunks and when its connection closed (one request at a time).</summary>
    public StreamedRequest ExpectNextRequest()
    {
        var request = new StreamedRequest();
        Volatile.Write(ref _next, request);
        return request;
    }

    public static async Task<StreamingChatServer> StartAsync(IReadOnlyList<string> tokens, TimeSpan interval)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new StreamingChatServer(app, tokens, interval);
        app.MapPost("/v1/chat/completions", server.StreamAsync);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        server.BaseUrl = new Uri($"http://127.0.0.1:{address.Port}/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StreamAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var request = Volatile.Read(ref _next);
        using var registration = aborted.Register(() =>
        {
            var at = Stopwatch.GetTimestamp();
            ConnectionClosed.TrySetResult(at);
            request.Closed.TrySetResult(at);
        });
        context.Response.ContentType = "text/event-stream";
        try
        {
            foreach (var token in Tokens)
            {
                await WriteAsync(context, Chunk(new { role = "assistant", content = token }, finishReason: null), aborted);
                Interlocked.Increment(ref _chunksSent);
                request.OnChunk();
                await Task.Delay(Interval, aborted);
            }
            await WriteAsync(context, Chunk(new { }, "stop"), aborted);
            await WriteAsync(context, JsonSerializer.Serialize(new
            {
                id = "chatcmpl-local", @object = "chat.completion.chunk", created = 1_763_856_000, model = "local-model", choices = Array.Empty<object>(),
                usage = new { prompt_tokens = 7, completion_tokens = Tokens.Count, total_tokens = 7 + Tokens.Count },
            }), aborted);
            await context.Response.WriteAsync("data: [DONE]\n\n", aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: exactly what the cancel test waits for.
        }
    }

    private static string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-local", @object = "chat.completion.chunk", created = 1_763_856_000, model = "local-model",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    private static async Task WriteAsync(HttpContext context, string json, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"data: {json}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>One streamed request as the server saw it.</summary>
public sealed class StreamedRequest
{
    private int _chunks;
    private TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ChunksSent => Volatile.Read(ref _chunks);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which the client's connection closed.</summary>
    public TaskCompletionSource<long> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server has sent at least <paramref name="count"/> chunks.</summary>
    public async Task WaitForChunksAsync(int count, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (ChunksSent < count) await Volatile.Read(ref _waiting).Task.WaitAsync(timeout.Token).ConfigureAwait(false);
    }

    internal void OnChunk()
    {
        Interlocked.Increment(ref _chunks);
        Interlocked.Exchange(ref _waiting, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

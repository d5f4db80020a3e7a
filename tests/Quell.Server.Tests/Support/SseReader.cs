using Quell.Testing;

namespace Quell.Server.Tests.Support;

/// <summary>Reads a whole Server-Sent Events stream from the server under test.</summary>
public static class SseReader
{
    /// <summary>Reads frames until the server ends the stream (30 s at most).</summary>
    public static async Task<List<SseFrame>> ReadAllAsync(
        HttpClient client, string path, string? lastEventId = null, Action<SseFrame>? onFrame = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var timeout = new CancellationTokenSource(RunningServer.Patience);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var frames = new List<SseFrame>();
        await SseFrames.ReadAsync(await response.Content.ReadAsStreamAsync(timeout.Token), frame =>
        {
            frames.Add(frame);
            onFrame?.Invoke(frame);
        }, timeout.Token);
        return frames;
    }
}

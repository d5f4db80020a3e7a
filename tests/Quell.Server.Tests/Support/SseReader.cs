namespace Quell.Server.Tests.Support;

public sealed record SseFrame(string? Id, string? Event, string Data);

/// <summary>A minimal Server-Sent Events parser (the WHATWG field rules the server relies on).</summary>
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
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var frames = new List<SseFrame>();
        string? id = null, type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    frames.Add(new SseFrame(id, type, string.Join('\n', data)));
                    onFrame?.Invoke(frames[^1]);
                }
                id = type = null;
                data.Clear();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
        return frames;
    }
}

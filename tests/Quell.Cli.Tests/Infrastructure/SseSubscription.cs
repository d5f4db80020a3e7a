using Quell.Testing;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>One Server-Sent Event as received: <see cref="Id"/> is the stored event's seq, null for transient progress.</summary>
internal sealed record SseEvent(long? Id, string Type);

/// <summary>
/// Reads a job's event stream (<c>GET /api/jobs/{id}/events</c>) in the background as it arrives, so a test can wait
/// until the stream is live, act, and then look at everything it received once the server ends it.
/// </summary>
internal sealed class SseSubscription
{
    private readonly List<SseEvent> _events = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SseSubscription(HttpClient http, string path, long? lastEventId) => Completion = ReadAsync(http, path, lastEventId);

    /// <summary>Ends when the server ends the stream (after the job's terminal event).</summary>
    public Task Completion { get; }

    /// <summary>Completes once the first event has arrived: the stream is open and has sent its history.</summary>
    public Task FirstEvent => _first.Task;

    public IReadOnlyList<SseEvent> Events
    {
        get
        {
            lock (_events) return [.. _events];
        }
    }

    /// <summary>Opens the stream; with <paramref name="lastEventId"/>, as a reconnect that wants only later events.</summary>
    public static SseSubscription Start(HttpClient http, string jobId, long? lastEventId = null) =>
        new(http, $"/api/jobs/{jobId}/events", lastEventId);

    private async Task ReadAsync(HttpClient http, string path, long? lastEventId)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (lastEventId is { } last) request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await SseFrames.ReadAsync(await response.Content.ReadAsStreamAsync(), frame =>
            {
                if (frame.Event is null) return;
                var id = frame.Id is { } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
                lock (_events) _events.Add(new SseEvent(id, frame.Event));
                _first.TrySetResult();
            });
        }
        finally
        {
            _first.TrySetException(new InvalidOperationException($"The stream {path} ended before its first event."));
        }
    }
}

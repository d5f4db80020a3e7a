using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary>
/// Writes AG-UI events as server-sent events the way <c>@ag-ui/client</c> reads them: one <c>data: {json}</c> line and
/// an empty line per event, LF only (the client splits frames on <c>\n\n</c>), each frame flushed as soon as it is
/// written so a chunk of text reaches the page when it is produced.
/// </summary>
public sealed class AguiSseWriter
{
    /// <summary>The response's content type.</summary>
    public const string ContentType = "text/event-stream";

    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();

    private readonly Stream _stream;

    /// <summary>Writes to a stream (the caller has sent the headers, if any; Quell.Server's <c>AguiResponse</c> for HTTP).</summary>
    /// <param name="stream">Where the frames go.</param>
    public AguiSseWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>The frame for one event: <c>data: {json}\n\n</c> in UTF-8.</summary>
    /// <param name="aguiEvent">The event.</param>
    public static byte[] Frame(AguiEvent aguiEvent)
    {
        ArgumentNullException.ThrowIfNull(aguiEvent);
        var json = JsonSerializer.SerializeToUtf8Bytes(aguiEvent, AguiJsonContext.Default.AguiEvent);
        var frame = new byte[Prefix.Length + json.Length + Suffix.Length];
        Prefix.CopyTo(frame, 0);
        json.CopyTo(frame, Prefix.Length);
        Suffix.CopyTo(frame, Prefix.Length + json.Length);
        return frame;
    }

    /// <summary>Writes one event and flushes it.</summary>
    /// <param name="aguiEvent">The event.</param>
    /// <param name="cancellationToken">Stops the write (a client that went away).</param>
    public async ValueTask WriteAsync(AguiEvent aguiEvent, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(Frame(aguiEvent), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes events one by one, each flushed.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops the writes.</param>
    public async ValueTask WriteAsync(IEnumerable<AguiEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) await WriteAsync(e, cancellationToken).ConfigureAwait(false);
    }
}

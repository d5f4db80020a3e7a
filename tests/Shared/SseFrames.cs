namespace Quell.Testing;

/// <summary>One Server-Sent Event as received: its id (null when the server sent none), type and data lines joined.</summary>
public sealed record SseFrame(string? Id, string? Event, string Data);

/// <summary>
/// Reads Server-Sent Events from a stream by the WHATWG field rules the server relies on (a field name, an optional
/// colon and one optional space; a blank line ends an event; an event without data is not dispatched). Shared by the
/// test projects that watch a real server's streams.
/// </summary>
public static class SseFrames
{
    /// <summary>Calls <paramref name="onFrame"/> for each event until the stream ends.</summary>
    public static async Task ReadAsync(Stream stream, Action<SseFrame> onFrame, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream);
        string? id = null, type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) onFrame(new SseFrame(id, type, string.Join('\n', data)));
                id = type = null;
                data.Clear();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
    }
}

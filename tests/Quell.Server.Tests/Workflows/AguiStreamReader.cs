using System.Net;
using System.Text;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

/// <summary>
/// Reads an AG-UI response the way @ag-ui/client does: frames split on a blank line, each one <c>data: {json}</c>
/// line, LF only. Fails on anything else (a CR, an <c>id:</c> or <c>event:</c> field, JSON that does not parse).
/// </summary>
public static class AguiStreamReader
{
    public static async Task<List<JsonElement>> ReadAsync(HttpResponseMessage response, Func<JsonElement, bool>? stopAfter = null)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var timeout = new CancellationTokenSource(RunningServer.Patience);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<JsonElement>();
        var pending = new StringBuilder();
        var buffer = new byte[8192];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            pending.Append(chars, 0, decoder.GetChars(buffer, 0, read, chars, 0));
            var text = pending.ToString();
            Assert.DoesNotContain('\r', text);
            int end;
            while ((end = text.IndexOf("\n\n", StringComparison.Ordinal)) >= 0)
            {
                var frame = text[..end];
                text = text[(end + 2)..];
                Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', frame);
                var e = JsonSerializer.Deserialize<JsonElement>(frame["data: ".Length..]);
                events.Add(e);
                if (stopAfter?.Invoke(e) == true) return events;
            }
            pending.Clear().Append(text);
        }
        Assert.Equal("", pending.ToString());
        return events;
    }

    public static string Type(this JsonElement e) => e.GetProperty("type").GetString()!;

    /// <summary>The official client's sequencing rules this suite relies on: content only inside an open message.</summary>
    public static void AssertWellFormed(IReadOnlyList<JsonElement> events)
    {
        Assert.Equal("RUN_STARTED", events[0].Type());
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            Assert.Equal(JsonValueKind.Number, e.GetProperty("timestamp").ValueKind);
            foreach (var property in e.EnumerateObject()) Assert.NotEqual(JsonValueKind.Null, property.Value.ValueKind);
            switch (e.Type())
            {
                case "TEXT_MESSAGE_START": Assert.True(open.Add(e.GetProperty("messageId").GetString()!)); break;
                case "TEXT_MESSAGE_CONTENT": Assert.Contains(e.GetProperty("messageId").GetString()!, open); break;
                case "TEXT_MESSAGE_END": Assert.True(open.Remove(e.GetProperty("messageId").GetString()!)); break;
                case "CUSTOM": Assert.True(e.TryGetProperty("value", out _)); break;
            }
        }
        Assert.Empty(open);
    }
}

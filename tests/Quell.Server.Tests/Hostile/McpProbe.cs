using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Quell.Server.Tests.Hostile;

/// <summary>One raw POST to <c>/mcp</c> and what came back: the status and the JSON-RPC messages (plain or as SSE).</summary>
public sealed record McpAnswer(int Status, string? SessionId, string Body, IReadOnlyList<JsonElement> Messages, string? Unparsed);

/// <summary>Raw Streamable HTTP, so the test, not an SDK client, decides what goes on the wire.</summary>
public static class McpProbe
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"hostile","version":"1"}}}""";

    public static async Task<McpAnswer> PostAsync(
        HttpClient client, byte[] body, string? sessionId = null, string? contentType = "application/json", bool acceptBoth = true)
    {
        using var request = HostileRequest.Bytes("/mcp", body, contentType);
        if (acceptBoth)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }
        if (sessionId is not null) request.Headers.TryAddWithoutValidation("Mcp-Session-Id", sessionId);
        using var timeout = new CancellationTokenSource(HostileAssert.Patience);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        var session = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.FirstOrDefault() : null;
        var payloads = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? SseData(text) : [text];
        var messages = new List<JsonElement>();
        string? unparsed = null;
        foreach (var payload in payloads.Where(p => p.Length > 0))
        {
            try
            {
                messages.Add(JsonSerializer.Deserialize<JsonElement>(payload));
            }
            catch (JsonException)
            {
                unparsed = payload;
            }
        }
        return new McpAnswer((int)response.StatusCode, session, text, messages, unparsed);
    }

    public static Task<McpAnswer> PostAsync(HttpClient client, string json, string? sessionId = null) =>
        PostAsync(client, Encoding.UTF8.GetBytes(json), sessionId);

    /// <summary>A session that has been initialized, as a well-behaved client leaves it.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient client)
    {
        var opened = await PostAsync(client, Initialize);
        Assert.True(opened.Status == 200 && opened.SessionId is not null, opened.Body);
        var initialized = await PostAsync(client, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", opened.SessionId);
        Assert.True(initialized.Status is 200 or 202, initialized.Body);
        return opened.SessionId!;
    }

    private static List<string> SseData(string text) =>
    [
        .. text.Split("\n\n").Select(frame => string.Join('\n', frame.Split('\n')
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
            .Select(line => line[5..].TrimStart(' ')))),
    ];
}

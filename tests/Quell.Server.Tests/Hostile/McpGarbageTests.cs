using System.Text;
using System.Text.Json;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// Garbage on <c>/mcp</c>: never a 5xx or a dropped connection, and every refusal that has a body is a JSON-RPC error
/// object (<c>{"jsonrpc":"2.0","error":{"code","message"},"id"}</c>), as MCP clients expect.
/// </summary>
public sealed class McpGarbageTests(HostileServer server) : IClassFixture<HostileServer>
{
    private const string HugeId = "123456789012345678901234567890123456789012345678901234567890";

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "not JSON", Utf8("hello, server") },
        { "empty", [] },
        { "truncated", Utf8(McpProbe.Initialize[..40]) },
        { "empty array", Utf8("[]") },
        { "batch", Utf8("""[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""") },
        { "string", Utf8("\"ping\"") },
        { "number", Utf8("7") },
        { "null", Utf8("null") },
        { "jsonrpc 1.0", Utf8("""{"jsonrpc":"1.0","id":1,"method":"ping"}""") },
        { "jsonrpc as a number", Utf8("""{"jsonrpc":2.0,"id":1,"method":"ping"}""") },
        { "no jsonrpc", Utf8("""{"id":1,"method":"ping"}""") },
        { "neither method nor result", Utf8("""{"jsonrpc":"2.0","id":1}""") },
        { "method a number", Utf8("""{"jsonrpc":"2.0","id":1,"method":42}""") },
        { "params a string", Utf8("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":"all of them"}""") },
        { "unknown method", Utf8("""{"jsonrpc":"2.0","id":1,"method":"no/such/method"}""") },
        { "huge integer id", Utf8($$"""{"jsonrpc":"2.0","id":{{HugeId}},"method":"ping"}""") },
        { "huge float id", Utf8("""{"jsonrpc":"2.0","id":1e400,"method":"ping"}""") },
        { "fractional id", Utf8("""{"jsonrpc":"2.0","id":1.5,"method":"ping"}""") },
        { "object id", Utf8("""{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}""") },
        { "array id", Utf8("""{"jsonrpc":"2.0","id":[1],"method":"ping"}""") },
        { "100,000-character id", Utf8($$"""{"jsonrpc":"2.0","id":"{{new string('x', 100_000)}}","method":"no/such/method"}""") },
        { "5,000-deep params", Utf8("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":""" + new string('[', 5_000) + new string(']', 5_000) + "}") },
        { "invalid UTF-8", [.. Utf8("""{"jsonrpc":"2.0","id":1,"method":"pi"""), 0xFF, 0xFE, .. Utf8("ng\"}")] },
        { "a response to nothing", Utf8("""{"jsonrpc":"2.0","id":99,"result":{}}""") },
        { "an error to nothing", Utf8("""{"jsonrpc":"2.0","id":99,"error":{"code":"x"}}""") },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_without_a_session_is_refused_as_JSON_RPC(string kind, byte[] body)
    {
        var answer = await McpProbe.PostAsync(server.Client, body);

        AssertRefusedCleanly(kind, answer);
        await server.AssertStillHealthyAsync();
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_inside_a_session_is_refused_as_JSON_RPC_and_the_session_goes_on(string kind, byte[] body)
    {
        var session = await McpProbe.OpenSessionAsync(server.Client);

        var answer = await McpProbe.PostAsync(server.Client, body, session);

        AssertRefusedCleanly(kind, answer);
        var ping = await McpProbe.PostAsync(server.Client, """{"jsonrpc":"2.0","id":"after","method":"ping"}""", session);
        Assert.True(ping.Status == 200 && ping.Messages.Any(m => m.TryGetProperty("result", out _)), $"{kind}: then ping got {ping.Status} {ping.Body}");
        await server.AssertStillHealthyAsync();
    }

    public static TheoryData<string, string> BadCalls() => new()
    {
        { "unknown tool", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""" },
        { "arguments of the wrong type", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"analyze_csv","arguments":{"paths":5}}}""" },
        { "arguments an array", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_job","arguments":[1,2]}}""" },
        { "an odd job id", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_job","arguments":{"id":"..\/..\/etc\/passwd\u0000"}}}""" },
        { "huge numbers", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_jobs","arguments":{"limit":1e400,"offset":-99999999999999999999}}}""" },
        { "cancel of nothing", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"cancel_job","arguments":{"id":"nope","reason":"bored"}}}""" },
        { "no name", """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{}}""" },
        { "unknown method", """{"jsonrpc":"2.0","id":3,"method":"tools/explode"}""" },
        { "huge id", $$"""{"jsonrpc":"2.0","id":{{HugeId}},"method":"tools/list"}""" },
        { "negative id", """{"jsonrpc":"2.0","id":-9223372036854775808,"method":"tools/list"}""" },
        { "second initialize", McpProbe.Initialize },
        { "cancel of an unknown request", """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"x":1},"reason":5}}""" },
        { "progress of nothing", """{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":[],"progress":"a"}}""" },
        { "task of nothing", """{"jsonrpc":"2.0","id":3,"method":"tasks/get","params":{"taskId":"..\/x"}}""" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_call_inside_a_session_is_an_error_result_or_a_JSON_RPC_error(string kind, string json)
    {
        var session = await McpProbe.OpenSessionAsync(server.Client);

        var answer = await McpProbe.PostAsync(server.Client, json, session);

        Assert.True(answer.Status < 500, $"{kind}: {answer.Status} {answer.Body}");
        Assert.True(answer.Unparsed is null, $"{kind}: not JSON: {answer.Unparsed}");
        foreach (var message in answer.Messages)
        {
            Assert.True(message.TryGetProperty("jsonrpc", out var version) && version.GetString() == "2.0", $"{kind}: {message}");
            if (message.TryGetProperty("error", out var error)) AssertJsonRpcError(kind, error);
        }
        Assert.DoesNotContain(HostileWorkflows.PasswdMarker, answer.Body, StringComparison.Ordinal);
        await server.AssertStillHealthyAsync();
    }

    [Theory]
    [InlineData("no-such-session")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("\u00e9\u00e9")]
    public async Task An_unknown_session_id_is_refused_as_JSON_RPC(string sessionId)
    {
        var answer = await McpProbe.PostAsync(server.Client, Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}"""), sessionId);

        AssertRefusedCleanly(sessionId, answer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_is_415_and_no_Accept_is_refused(string? contentType)
    {
        var body = Encoding.UTF8.GetBytes(McpProbe.Initialize);

        var wrongType = await McpProbe.PostAsync(server.Client, body, contentType: contentType);
        Assert.Equal(415, wrongType.Status);
        // Routing refuses a content type the MCP endpoint does not declare before the SDK sees it: that answer is
        // problem details (with a detail); a missing content type reaches the SDK and is a JSON-RPC error.
        if (!wrongType.Body.Contains("\"jsonrpc\"", StringComparison.Ordinal))
        {
            Assert.Contains("\"detail\"", wrongType.Body, StringComparison.Ordinal);
        }
        else
        {
            AssertRefusedCleanly($"content type {contentType}", wrongType);
        }
        AssertRefusedCleanly("no Accept", await McpProbe.PostAsync(server.Client, body, acceptBoth: false));
    }

    /// <summary>A 4xx whose body, if any, is a JSON-RPC error; or a 2xx that carries one (or nothing, for a notification).</summary>
    private static void AssertRefusedCleanly(string kind, McpAnswer answer)
    {
        var shown = $"{kind}: {answer.Status} {answer.Body[..Math.Min(answer.Body.Length, 400)]}";
        Assert.True(answer.Status < 500, shown);
        Assert.True(answer.Unparsed is null, $"{shown} (a body that is not JSON)");
        Assert.DoesNotContain("   at ", answer.Body, StringComparison.Ordinal);
        if (answer.Status >= 400) Assert.True(answer.Messages.Count > 0, $"{shown} (a refusal without a JSON-RPC error)");
        foreach (var message in answer.Messages)
        {
            Assert.True(message.ValueKind == JsonValueKind.Object && message.TryGetProperty("jsonrpc", out var version) && version.GetString() == "2.0", shown);
            Assert.True(message.TryGetProperty("error", out var error), $"{shown} (not an error)");
            AssertJsonRpcError(shown, error);
        }
    }

    private static void AssertJsonRpcError(string shown, JsonElement error)
    {
        Assert.True(error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number, shown);
        Assert.True(error.TryGetProperty("message", out var message) && !string.IsNullOrWhiteSpace(message.GetString()), shown);
        Assert.DoesNotContain("System.", message.GetString()!, StringComparison.Ordinal);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>Bodies that are not the JSON a route expects, sent to every JSON route: each must be a clean 4xx.</summary>
public sealed class MalformedJsonTests(HostileServer server) : IClassFixture<HostileServer>
{
    private const int DeepNesting = 5_000;

    public static TheoryData<string, byte[]> SpoiledBodies() => new()
    {
        { "truncated object", Utf8("""{"type":"test.sleep","input":{"steps":""") },
        { "truncated string", Utf8("{\"reason\":\"user_requ") },
        { "single quotes", Utf8("{'type':'test.sleep'}") },
        { "bare words", Utf8("{type: test.sleep}") },
        { "trailing comma", Utf8("""{"reason":"timeout",}""") },
        { "two documents", Utf8("""{"reason":"timeout"}{"reason":"timeout"}""") },
        { "comment", Utf8("""/* hi */ {"reason":"timeout"}""") },
        { "lone quote", Utf8("\"") },
        { "array", Utf8("[{}]") },
        { "string", Utf8("\"{}\"") },
        { "number", Utf8("42") },
        { "true", Utf8("true") },
        { "every field the wrong type", Utf8("""
            {"type":123,"input":"x","timeoutSeconds":"1","dependsOn":"a","reason":7,"message":[],
             "variables":"v","runId":5,"threadId":{},"state":3,"messages":{}}
            """) },
        { "huge numbers", Utf8("""
            {"type":"test.sleep","input":{"steps":1e309,"delayMs":-99999999999999999999999},"timeoutSeconds":99999999999999999999,
             "reason":1e999999,"runId":123456789012345678901234567890,"variables":1e-999999}
            """) },
        { "a number of 100,000 digits", Utf8($$"""{"timeoutSeconds":{{new string('9', 100_000)}}}""") },
        { "5,000-deep arrays", Utf8(new string('[', DeepNesting) + new string(']', DeepNesting)) },
        { "5,000-deep objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting)) },
        { "5,000-deep input", Utf8("""{"type":"test.sleep","input":""" + new string('[', DeepNesting) + new string(']', DeepNesting) + "}") },
        { "5,000-deep variables", Utf8("""{"variables":""" + string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting + 1)) },
        { "invalid UTF-8 in a value", Spliced("{\"type\":\"test.sleep\",\"reason\":\"user", [0xFF, 0xFE], "\",\"input\":{}}") },
        { "invalid UTF-8 in a name", Spliced("""{"ty""", [0xC3, 0x28], """pe":"test.sleep","input":{}}""") },
        { "overlong UTF-8", Spliced("""{"message":"a""", [0xC0, 0xAF], "\"}") },
        { "encoded surrogate", Spliced("""{"message":"a""", [0xED, 0xA0, 0x80], "\"}") },
        { "cut multi-byte character", Spliced("""{"message":"a""", [0xE2, 0x82], "") },
        { "invalid UTF-8 inside input", Spliced("{\"type\":\"test.sleep\",\"input\":{\"steps\":1,\"note\":\"", [0xFF], "\"}}") },
        { "invalid UTF-8 inside variables", Spliced("{\"variables\":{\"topic\":\"", [0x80, 0x80], "\"}}") },
        { "lone surrogate escape", Utf8("""{"type":"\uD800","reason":"\uDC00","message":"\uD800","runId":"\uD800","input":{"s":"\uD800"},"variables":{"s":"\uDFFF"}}""") },
        { "NUL escapes", Utf8("""{"type":"test.sleep\u0000","reason":"timeout\u0000","runId":"a\u0000b","threadId":"\u0000","input":{}}""") },
        { "raw control characters", Utf8("{\"message\":\"a\u0001\u0000b\"}") },
        { "UTF-16 body", Encoding.Unicode.GetBytes("""{"reason":"timeout"}""") },
        { "duplicate keys", Utf8("""{"type":"test.sleep","type":"nope","input":{},"input":[],"reason":"timeout","reason":"bored"}""") },
    };

    [Theory]
    [MemberData(nameof(SpoiledBodies))]
    public async Task A_spoiled_body_is_a_clean_4xx_on_every_JSON_route(string kind, byte[] body)
    {
        var failures = new List<string>();
        foreach (var (path, _) in HostileRequest.JsonRoutes(server))
        {
            using var request = HostileRequest.Bytes(path, body, "application/json");
            if (await server.Client.CheckAsync(request) is { } failure) failures.Add(failure);
        }

        Assert.True(failures.Count == 0, $"{kind}:\n{string.Join('\n', failures)}");
        await server.AssertStillHealthyAsync();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Spliced(string before, byte[] middle, string after) => [.. Utf8(before), .. middle, .. Utf8(after)];
}

using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// Ids no route expects, in every route that takes one. The client sends the path as written here (already
/// percent-encoded where it shows '%'), so '%2F' and '%00' reach the server as such.
/// </summary>
public sealed class OddIdTests(HostileServer server) : IClassFixture<HostileServer>
{
    public static TheoryData<string, string> OddIds() => new()
    {
        { "very long", new string('a', 4_000) },
        { "very long unicode", string.Concat(Enumerable.Repeat("%C3%A9", 600)) },
        { "unicode", Uri.EscapeDataString("ジョブ💥\u202Eevil") },
        { "dot dot", ".." },
        { "encoded dot dot", "%2E%2E" },
        { "encoded slash", "a%2Fb" },
        { "encoded traversal", "..%2F..%2F..%2Fetc%2Fpasswd" },
        { "encoded backslash traversal", "..%5C..%5Cwindows" },
        { "lone percent", "%" },
        { "bad escape", "%ZZ" },
        { "double encoded slash", "a%252Fb" },
        { "encoded newline", "a%0D%0Ab" },
        { "space", "a%20b" },
        { "quote and markup", Uri.EscapeDataString("'\"<script>") },
        { "template", Uri.EscapeDataString("${id}{{id}}") },
        { "leading dash", "-x" },
        { "device name", "CON" },
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task An_odd_id_is_a_clean_answer_on_every_route_that_takes_an_id(string kind, string id)
    {
        var failures = new List<string>();
        foreach (var request in RequestsFor(id))
        {
            using (request)
            {
                if (await server.Client.CheckAsync(request) is { } failure) failures.Add(failure);
            }
        }

        Assert.True(failures.Count == 0, $"{kind}:\n{string.Join('\n', failures)}");
        await server.AssertStillHealthyAsync();
    }

    [Theory]
    [InlineData("%00", 400)]
    [InlineData("job%00.yaml", 400)]
    [InlineData("20,000 characters", 414)]
    public async Task Kestrel_refuses_a_NUL_or_an_overlong_path_before_the_API_but_still_answers(string id, int status)
    {
        // Refused before any middleware runs, so these cannot be problem details; they must still be answers.
        if (id.Contains(' ', StringComparison.Ordinal)) id = new string('a', 20_000);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/jobs/{id}", UriKind.Relative));
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        await server.AssertStillHealthyAsync();
    }

    private IEnumerable<HttpRequestMessage> RequestsFor(string id)
    {
        var run = server.FinishedRunId;
        foreach (var path in new[]
        {
            $"/api/jobs/{id}", $"/api/jobs/{id}/partial-results", $"/api/jobs/{id}/events",
            $"/api/workflows/{id}", $"/api/runs/{id}", $"/api/runs/{id}/events", $"/api/runs/{id}/replay", $"/api/runs/{id}/agui",
        })
        {
            yield return Get(path);
        }
        foreach (var path in new[]
        {
            $"/api/jobs/{id}/cancel", $"/api/runs/{id}/cancel", $"/api/runs/{id}/elements/end/cancel",
            $"/api/runs/{run}/elements/{id}/cancel", $"/api/runs/{run}/elements/{id}/complete",
        })
        {
            yield return Post(path, """{"reason":"user_requested"}""");
        }
        yield return Post($"/api/runs/{id}/elements/{id}/complete", """{"input":{}}""");
        yield return Post($"/api/workflows/{id}/runs", "{}");
        yield return Post($"/api/workflows/{HostileServer.WorkflowId}/runs", $$"""{"runId":"{{Uri.UnescapeDataString(id).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");
        yield return Post($"/api/agui/{id}", """{"threadId":"t","runId":"r","state":{}}""");
        yield return HostileRequest.Bytes($"/api/workflows/{id}", Encoding.UTF8.GetBytes(HostileServer.TinyWorkflow), "application/yaml", HttpMethod.Put);
    }

    // The Uri is built from the escaped text as is, so the server sees exactly these bytes.
    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Post(string path, string json)
    {
        var request = HostileRequest.Json(path, json);
        request.RequestUri = new Uri(path, UriKind.Relative);
        return request;
    }
}

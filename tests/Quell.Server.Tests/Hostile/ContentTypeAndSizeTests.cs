using System.Net;
using System.Text;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Hostile;

/// <summary>Bodies sent as something other than JSON, or too big to be a request: a clean 4xx, never a dropped connection.</summary>
public sealed class ContentTypeAndSizeTests(HostileServer server) : IClassFixture<HostileServer>
{
    public static TheoryData<string?> WrongContentTypes() => new()
    {
        null,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/jsonx",
        "application/json;;;=;",
        "json",
        "/",
        "application/json; charset=\u00e9\u00e9",
        "\u00e9/\u00e9",
    };

    [Theory]
    [MemberData(nameof(WrongContentTypes))]
    public async Task A_JSON_body_with_a_wrong_content_type_is_a_clean_4xx_on_every_JSON_route(string? contentType)
    {
        var failures = new List<string>();
        foreach (var (path, valid) in HostileRequest.JsonRoutes(server))
        {
            using var request = HostileRequest.Bytes(path, Encoding.UTF8.GetBytes(valid), contentType);
            if (await server.Client.CheckAsync(request) is { } failure) failures.Add(failure);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        await server.AssertStillHealthyAsync();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/yaml; charset=no-such-charset")]
    [InlineData("application/yaml; charset=utf-32")]
    [InlineData("application/xml; charset=ebcdic-cp-us")]
    [InlineData("text/yaml; charset=\"\"")]
    public async Task A_workflow_with_a_wrong_or_odd_content_type_is_a_clean_4xx(string? contentType)
    {
        using var request = HostileRequest.Bytes("/api/workflows/typed", Encoding.UTF8.GetBytes(HostileServer.TinyWorkflow.Replace("id: tiny", "id: typed", StringComparison.Ordinal)), contentType, HttpMethod.Put);

        if (await server.Client.CheckAsync(request) is { } failure) Assert.Fail(failure);
        await server.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task A_JSON_body_over_the_request_size_limit_is_413_problem_details()
    {
        // A job input of one long string, bigger than any request the server takes.
        var body = Encoding.UTF8.GetBytes($$$"""{"type":"test.sleep","input":{"note":"{{{new string('x', 40 * 1024 * 1024)}}}"}}""");

        foreach (var chunked in new[] { false, true })
        {
            using var request = HostileRequest.Bytes("/api/jobs", body, "application/json");
            // As a client sending a big body should: otherwise the refusal races the upload, and the server, which
            // will not read 40 MB to keep the connection, closes it under the client's feet.
            request.Headers.ExpectContinue = true;
            // Without a Content-Length the server only learns the size as it reads.
            if (chunked) request.Content = new StreamContent(new MemoryStream(body)) { Headers = { { "Content-Type", "application/json" } } };
            using var response = await server.Client.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
        await server.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task A_workflow_over_its_size_limit_is_413_problem_details()
    {
        var text = HostileServer.TinyWorkflow + "\n# " + new string('x', 2 * 1024 * 1024) + "\n";

        foreach (var chunked in new[] { false, true })
        {
            using var request = HostileRequest.Bytes("/api/workflows/big", Encoding.UTF8.GetBytes(text), "application/yaml", HttpMethod.Put);
            request.Headers.ExpectContinue = true;
            if (chunked) request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text))) { Headers = { { "Content-Type", "application/yaml" } } };
            using var response = await server.Client.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
        await server.AssertStillHealthyAsync();
    }
}

using System.Net;
using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// BPMN uploads with external entities (XXE), entity expansion and deep nesting: refused as invalid workflows, and
/// nothing of the named file appears in any answer, including the stored file's JSON model.
/// </summary>
public sealed class BpmnEntityTests(HostileServer server) : IClassFixture<HostileServer>
{
    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "SYSTEM entity of /etc/passwd", HostileWorkflows.BpmnExternalEntity("file:///etc/passwd") },
        { "SYSTEM entity by plain path", HostileWorkflows.BpmnExternalEntity("/etc/passwd") },
        { "SYSTEM entity over HTTP", HostileWorkflows.BpmnExternalEntity("http://127.0.0.1:9/evil.dtd") },
        { "external DTD and parameter entity", HostileWorkflows.BpmnParameterEntity("file:///etc/passwd") },
        { "billion laughs", HostileWorkflows.BpmnEntityBomb() },
        { "DOCTYPE after a comment", "<!-- x -->\n" + HostileWorkflows.BpmnExternalEntity("file:///etc/passwd").Split('\n', 2)[1] },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task A_DTD_is_refused_and_leaks_nothing(string kind, string bpmn)
    {
        foreach (var contentType in new[] { "application/xml", "text/xml", "application/bpmn+xml" })
        {
            var body = await PutAsync("xxe", bpmn, contentType, HttpStatusCode.BadRequest);
            Assert.False(body.Contains(HostileWorkflows.PasswdMarker, StringComparison.Ordinal), $"{kind}: {body}");
            Assert.False(body.Contains("lollollol", StringComparison.Ordinal), $"{kind}: expanded: {body}");
            Assert.True(body.Contains("DTD", StringComparison.Ordinal), $"{kind}: {body}");
        }
        using var stored = await server.Client.GetAsync("/api/workflows/xxe");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        await server.AssertStillHealthyAsync();
    }

    [Fact]
    public async Task XInclude_is_not_followed()
    {
        // Without a DTD the file may load: then neither the stored text nor the model holds the included file.
        var status = await PutStatusAsync("xinclude", HostileWorkflows.BpmnXInclude("/etc/passwd"));
        if (status is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            using var model = new HttpRequestMessage(HttpMethod.Get, "/api/workflows/xinclude") { Headers = { { "Accept", "application/json" } } };
            using var response = await server.Client.SendAsync(model);
            Assert.DoesNotContain(HostileWorkflows.PasswdMarker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var list = await server.Client.GetAsync("/api/workflows");
            Assert.DoesNotContain(HostileWorkflows.PasswdMarker, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await server.AssertStillHealthyAsync();
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(50_000)]
    public async Task Deeply_nested_elements_are_a_clean_answer(int depth)
    {
        var status = await PutStatusAsync($"deep-{depth}", HostileWorkflows.BpmnDeep(depth));

        Assert.True((int)status < 500, $"{(int)status}");
        await server.AssertStillHealthyAsync();
    }

    private async Task<HttpStatusCode> PutStatusAsync(string id, string bpmn)
    {
        using var request = HostileRequest.Bytes($"/api/workflows/{id}", Encoding.UTF8.GetBytes(bpmn), "application/bpmn+xml", HttpMethod.Put);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Null(HostileAssert.Judge(id, request.RequestUri!, response, body));
        Assert.DoesNotContain(HostileWorkflows.PasswdMarker, body, StringComparison.Ordinal);
        return response.StatusCode;
    }

    private async Task<string> PutAsync(string id, string bpmn, string contentType, HttpStatusCode expected)
    {
        using var request = HostileRequest.Bytes($"/api/workflows/{id}", Encoding.UTF8.GetBytes(bpmn), contentType, HttpMethod.Put);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Null(HostileAssert.Judge(id, request.RequestUri!, response, body));
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }
}

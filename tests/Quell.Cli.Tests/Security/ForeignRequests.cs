using System.Net.Http.Headers;
using System.Text;

namespace Quell.Cli.Tests.Security;

/// <summary>Requests as a DNS-rebinding or cross-site page would send them: any Host, any Origin.</summary>
internal static class ForeignRequests
{
    public const string McpInitialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"rebinding-test","version":"1"}}}""";

    /// <summary>Every surface a page could reach: the REST API, a job submission, MCP, AG-UI (start and re-attach).</summary>
    public static IEnumerable<Func<HttpRequestMessage>> EverySurface() =>
    [
        () => new HttpRequestMessage(HttpMethod.Get, "/api/jobs"),
        () => Json(HttpMethod.Post, "/api/jobs", """{"type":"csv.analyze","input":{"paths":["/tmp/x.csv"]}}"""),
        () => Mcp(),
        () => Json(HttpMethod.Post, "/api/agui/feedback-triage", """{"threadId":"t","runId":"r","messages":[],"tools":[],"context":[],"state":{},"forwardedProps":{}}"""),
        () => new HttpRequestMessage(HttpMethod.Get, "/api/runs/any/agui"),
        () => new HttpRequestMessage(HttpMethod.Get, "/healthz"),
    ];

    public static HttpRequestMessage Mcp()
    {
        var request = Json(HttpMethod.Post, "/mcp", McpInitialize);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpRequestMessage WithHost(this HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }

    public static HttpRequestMessage WithOrigin(this HttpRequestMessage request, string origin)
    {
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return request;
    }

    public static bool IsProblem(this HttpResponseMessage response) =>
        response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/problem+json" };
}

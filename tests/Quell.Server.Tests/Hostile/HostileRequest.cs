using System.Net.Http.Headers;
using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>Requests with exactly the bytes and headers a test chooses: no serializer in between to tidy them up.</summary>
public static class HostileRequest
{
    public static HttpRequestMessage Json(string path, string body, HttpMethod? method = null) =>
        Bytes(path, Encoding.UTF8.GetBytes(body), "application/json", method);

    public static HttpRequestMessage Bytes(string path, byte[] body, string? contentType, HttpMethod? method = null)
    {
        var content = new ByteArrayContent(body);
        // Set without validation so that malformed content types reach the server as written.
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = content };
    }

    public static HttpRequestMessage Get(string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return request;
    }

    /// <summary>The JSON routes, each with a body it accepts, so a test can spoil the body and try every route.</summary>
    public static IReadOnlyList<(string Path, string ValidBody)> JsonRoutes(HostileServer server) =>
    [
        ("/api/jobs", """{"type":"test.sleep","input":{"steps":1,"delayMs":1},"timeoutSeconds":30}"""),
        ($"/api/jobs/{server.FinishedJobId}/cancel", """{"reason":"user_requested","message":"stop"}"""),
        ($"/api/workflows/{HostileServer.WorkflowId}/runs", """{"variables":{"topic":"x"}}"""),
        ($"/api/runs/{server.FinishedRunId}/cancel", """{"reason":"timeout","message":"late"}"""),
        ($"/api/runs/{server.FinishedRunId}/elements/end/cancel", """{"reason":"user_requested"}"""),
        ($"/api/runs/{server.FinishedRunId}/elements/end/complete", """{"input":{"ok":true}}"""),
        ($"/api/agui/{HostileServer.WorkflowId}", """{"threadId":"t1","runId":"agui-x","state":{},"messages":[]}"""),
    ];
}

using System.Net;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Security;

/// <summary>
/// A loopback <c>quell serve</c> against DNS rebinding and cross-site pages: a foreign Host or Origin is refused on
/// every surface before anything runs; loopback names, same-origin pages and header-less clients work as before.
/// </summary>
public sealed class HostAndOriginTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ServeProcess _serve = null!;

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync(_dir.File("data"));

    [ServeFact]
    public async Task A_foreign_host_gets_a_problem_document_on_every_surface_and_nothing_runs()
    {
        foreach (var request in ForeignRequests.EverySurface())
        {
            using var sent = request().WithHost("evil.example");
            var path = sent.RequestUri;
            using var response = await _serve.Http.SendAsync(sent);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
            Assert.True(response.IsProblem(), $"{path}: {response.Content.Headers.ContentType} {body}");
            Assert.Contains("Quell:AllowedHosts", Json.Parse(body).Text("detail"), StringComparison.Ordinal);
        }
        Assert.Equal(0, await JobCountAsync());
    }

    [ServeFact]
    public async Task A_foreign_origin_gets_403_on_every_surface_and_nothing_runs()
    {
        foreach (var origin in (string[])["http://evil.example", $"http://localhost.evil.example:{_serve.Port}", "null", $"https://127.0.0.1:{_serve.Port}"])
        {
            foreach (var request in ForeignRequests.EverySurface())
            {
                using var sent = request().WithOrigin(origin);
                var path = sent.RequestUri;
                using var response = await _serve.Http.SendAsync(sent);
                var body = await response.Content.ReadAsStringAsync();

                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{origin} {path}: {(int)response.StatusCode} {body}");
                Assert.True(response.IsProblem(), body);
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{origin} {path}");
            }
        }
        Assert.Equal(0, await JobCountAsync());
    }

    [ServeFact]
    public async Task Loopback_names_on_any_port_and_same_origin_pages_are_answered()
    {
        foreach (var host in (string[])["localhost", $"localhost:{_serve.Port}", $"127.0.0.1:{_serve.Port}", $"[::1]:{_serve.Port}", "LOCALHOST:1"])
        {
            using var response = await _serve.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/jobs").WithHost(host));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host}: {(int)response.StatusCode}");
        }
        using var sameOrigin = await _serve.Http.SendAsync(ForeignRequests.Mcp().WithOrigin($"http://127.0.0.1:{_serve.Port}"));
        Assert.True(sameOrigin.StatusCode == HttpStatusCode.OK, await sameOrigin.Content.ReadAsStringAsync());
        using var page = await _serve.Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/jobs").WithHost($"localhost:{_serve.Port}").WithOrigin($"http://localhost:{_serve.Port}"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [ServeFact]
    public async Task Cors_stays_closed_and_every_response_carries_nosniff_and_the_content_security_policy()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/jobs").WithOrigin("http://evil.example");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        using var refused = await _serve.Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        foreach (var path in (string[])["/api/jobs", "/api/jobs/unknown", "/healthz", "/no-such-route"])
        {
            using var response = await _serve.Http.GetAsync(path);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), path);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        }
    }

    private async Task<int> JobCountAsync() =>
        Json.Parse(await _serve.Http.GetStringAsync("/api/jobs")).GetProperty("total").GetInt32();

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _dir.Dispose();
    }
}

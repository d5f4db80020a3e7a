using System.Net;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Security;

/// <summary>An operator's <c>Quell:AllowedHosts</c> and <c>Quell:AllowedOrigins</c>: named ones get in (with CORS), others still do not.</summary>
public sealed class ConfiguredSourcesTests : IAsyncLifetime
{
    private const string Dashboard = "https://dash.example:8443";
    private readonly TempDirectory _dir = new();
    private ServeProcess _serve = null!;

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync(_dir.File("data"), environment: new Dictionary<string, string>
    {
        ["Quell__AllowedHosts"] = "quell.internal;*.quell.test",
        ["Quell__AllowedOrigins__0"] = Dashboard,
    });

    [ServeFact]
    public async Task Configured_hosts_are_answered_beside_the_loopback_names_and_others_are_not()
    {
        foreach (var (host, expected) in (ValueTuple<string, HttpStatusCode>[])[
                     ("quell.internal:5080", HttpStatusCode.OK), ("node1.quell.test", HttpStatusCode.OK),
                     ($"127.0.0.1:{_serve.Port}", HttpStatusCode.OK), ("evil.example", HttpStatusCode.BadRequest),
                     ("quell.internal.evil.example", HttpStatusCode.BadRequest)])
        {
            using var response = await _serve.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/jobs").WithHost(host));
            Assert.True(response.StatusCode == expected, $"{host}: {(int)response.StatusCode}");
        }
    }

    [ServeFact]
    public async Task A_configured_origin_gets_cors_headers_and_a_preflight_answer_while_others_get_403()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/jobs").WithOrigin(Dashboard);
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization, content-type");
        using var answered = await _serve.Http.SendAsync(preflight);
        Assert.True(answered.IsSuccessStatusCode, $"{(int)answered.StatusCode}");
        Assert.Equal(Dashboard, Assert.Single(answered.Headers.GetValues("Access-Control-Allow-Origin")));

        using var get = await _serve.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/jobs").WithOrigin(Dashboard));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(Dashboard, Assert.Single(get.Headers.GetValues("Access-Control-Allow-Origin")));

        using var other = await _serve.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/jobs").WithOrigin("https://dash.example"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _dir.Dispose();
    }
}

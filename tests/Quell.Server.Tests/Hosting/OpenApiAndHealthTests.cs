using System.Net;
using System.Text.Json;
using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Hosting;

public sealed class OpenApiAndHealthTests
{
    [Fact]
    public async Task Healthz_answers_healthy()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_job_routes()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        var document = await client.GetFromJsonElementAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/jobs", out _), paths.ToString());
        Assert.True(paths.TryGetProperty("/api/jobs/{id}/cancel", out _));
        Assert.True(paths.TryGetProperty("/api/jobs/{id}/events", out _));
        Assert.Equal(JsonValueKind.Object, document.GetProperty("components").ValueKind);
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_details()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        using var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Quell.Csv;
using Quell.Mcp.Tests.Infrastructure;
using Quell.Server;
using Quell.Server.Auth;

namespace Quell.Mcp.Tests.Http;

/// <summary><c>/mcp</c> on the real server (Kestrel, 127.0.0.1:0), behind the same API keys as <c>/api</c>.</summary>
public sealed class HttpMcpTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    private Uri Endpoint => new(_address, "/mcp");

    public async Task InitializeAsync()
    {
        _app = QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add("http://127.0.0.1:0");
            options.DataDirectory = _data.Path;
            options.ApiKeys.Add(new ApiKey("key-a", "alice"));
            options.ApiKeys.Add(new ApiKey("key-b", "bob"));
        });
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    [Fact]
    public async Task Without_a_key_mcp_is_401()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_keyed_client_runs_analyze_csv_as_the_keys_owner_and_the_job_shows_in_the_rest_api()
    {
        // The server analyses files under its data directory (and working directory) only.
        var file = Path.Combine(_data.Path, "small.csv");
        await DemoCsv.WriteAsync(file, 500);
        await using var alice = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");

        Assert.Equal(6, (await alice.Client.ListToolsAsync()).Count);
        var result = await alice.CallJsonAsync("analyze_csv", new { paths = new[] { file } });

        Assert.Equal(500, result.GetProperty("result").GetProperty("totalRows").GetInt64());
        var jobId = result.GetProperty("jobId").GetString()!;
        Assert.Equal("alice", (await alice.CallJsonAsync("get_job", new { id = jobId })).GetProperty("owner").GetString());
        using var rest = new HttpClient { BaseAddress = _address };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "key-a");
        var job = await rest.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.Equal("completed", job.GetProperty("status").GetString());

        await using var bob = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-b");
        Assert.True((await bob.CallAsync("get_job", new { id = jobId })).IsError, "bob must not see alice's job");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}

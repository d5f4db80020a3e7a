using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Quell.Server;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>
/// The real server (Kestrel on 127.0.0.1:0) in this process, without API keys, allowed to read the temp directory,
/// with the test job type <see cref="CountJob"/> offered as an MCP tool.
/// </summary>
public sealed class HttpQuellServer : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public Uri McpEndpoint => new(Address, "/mcp");

    public string DataDirectory => _data.Path;

    public IServiceProvider Services => _app.Services;

    public static async Task<HttpQuellServer> StartAsync()
    {
        var server = new HttpQuellServer();
        server._app = QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add("http://127.0.0.1:0");
            options.DataDirectory = server._data.Path;
            options.CsvAllowedRoots.Add(Path.GetTempPath());
            options.ConfigureQuell = CountJob.Register;
        });
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return server;
    }

    public Task<QuellMcpSession> ConnectAsync() => QuellMcpSession.ConnectHttpAsync(McpEndpoint, apiKey: null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}

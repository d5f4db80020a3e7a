using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Events;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Agents.Tests.Infrastructure;

/// <summary>The real runtime with <c>llm.generate</c> on a real SQLite file in a temp directory.</summary>
public sealed class AgentsRuntime : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _data;

    private AgentsRuntime(IHost host, string data)
    {
        _host = host;
        _data = data;
    }

    public IJobService Jobs => _host.Services.GetRequiredService<IJobService>();

    public IJobStore Store => _host.Services.GetRequiredService<IJobStore>();

    public static async Task<AgentsRuntime> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "quell-agents-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddQuell(q => q.AddLlmGenerate().Configure(o => o.DataDirectory = data)).UseSqliteStore();
        var host = builder.Build();
        await host.StartAsync();
        return new AgentsRuntime(host, data);
    }

    public Task<JobRecord> SubmitAsync(string type, object input) =>
        Jobs.SubmitAsync(new JobSubmission(type, JsonSerializer.SerializeToElement(input, QuellBuilder.HandlerJsonOptions), "alice"));

    public async Task<JobRecord> WaitForEndAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await Jobs.WaitForCompletionAsync(jobId, null, timeout.Token))!;
    }

    public async Task<List<JobEvent>> EventsAsync(string jobId) => [.. await Store.ReadEventsAsync(jobId, 0, 100_000)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
            else _host.Dispose();
            try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

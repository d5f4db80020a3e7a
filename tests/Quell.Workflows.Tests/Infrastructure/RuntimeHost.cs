using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Workflows.Tests.Infrastructure;

/// <summary>A real runtime on a real SQLite file in a temp directory, for the workflow tests.</summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    public const string Hold = "test.hold";

    private RuntimeHost(IHost host, string dataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
    }

    public IHost Host { get; }

    public string DataDirectory { get; }

    public IJobService Jobs => Host.Services.GetRequiredService<IJobService>();

    public static async Task<RuntimeHost> StartAsync(Action<QuellBuilder>? addJobs = null, string? dataDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddQuell(q =>
        {
            q.AddJob<JsonElement, string, HoldJob>(Hold);
            addJobs?.Invoke(q);
            q.Configure(o =>
            {
                o.DataDirectory = dataDirectory;
                o.ShutdownTimeout = TimeSpan.FromSeconds(10);
                o.ShutdownNoticePeriod = TimeSpan.FromMilliseconds(200);
            });
        }).UseSqliteStore();
        var host = builder.Build();
        await host.StartAsync();
        return new RuntimeHost(host, dataDirectory);
    }

    /// <summary>Starts a job that runs until it is cancelled, standing in for a run whose events a test writes.</summary>
    public async Task<JobRecord> StartHeldJobAsync(string owner = "alice")
    {
        var job = await Jobs.SubmitAsync(new JobSubmission(Hold, JsonSerializer.SerializeToElement(new { }), owner));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Jobs.GetAsync(job.Id, owner, timeout.Token))!.Status != JobStatus.Running) await Task.Delay(10, timeout.Token);
        return job;
    }

    public Task<bool> AppendAsync(string jobId, string type, object data, string owner = "alice") =>
        Jobs.AppendEventAsync(jobId, owner, type, JsonSerializer.SerializeToElement(data));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            if (Host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
            else Host.Dispose();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed class HoldJob : IJobHandler<JsonElement, string>
    {
        public async Task<string> ExecuteAsync(JsonElement input, IJobContext context)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return "never";
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Events;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Core.Tests.Runtime;

/// <summary>A real runtime on a real SQLite file in a temp directory, started in a Generic Host.</summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    private RuntimeFixture(IHost host, string dataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
    }

    public IHost Host { get; }

    public string DataDirectory { get; }

    public IJobService Jobs => Host.Services.GetRequiredService<IJobService>();

    public IJobStore Store => Host.Services.GetRequiredService<IJobStore>();

    public static async Task<RuntimeFixture> StartAsync(
        Action<QuellOptions>? configure = null, TimeProvider? time = null, string? dataDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddQuell(q => q.AddTestJobs().Configure(o =>
        {
            o.DataDirectory = dataDirectory;
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            o.ShutdownNoticePeriod = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        })).UseSqliteStore();
        var host = builder.Build();
        await host.StartAsync();
        return new RuntimeFixture(host, dataDirectory);
    }

    public Task<JobRecord> SubmitAsync(string type, object input, int? timeoutSeconds = null, IReadOnlyList<string>? dependsOn = null, string owner = "alice") =>
        Jobs.SubmitAsync(new JobSubmission(type, JsonSerializer.SerializeToElement(input, QuellBuilder.HandlerJsonOptions), owner, timeoutSeconds, dependsOn));

    /// <summary>Waits (generously) until the job is in one of the given states.</summary>
    public async Task<JobRecord> WaitForStatusAsync(string jobId, params JobStatus[] statuses)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await Store.GetAsync(jobId, timeout.Token);
            if (job is not null && statuses.Contains(job.Status)) return job;
            await Task.Delay(10, timeout.Token);
        }
    }

    public async Task<JobRecord> WaitForEndAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await Jobs.WaitForCompletionAsync(jobId, null, timeout.Token))!;
    }

    public async Task<List<JobEvent>> EventsAsync(string jobId) => [.. await Store.ReadEventsAsync(jobId, 0, 100_000)];

    public async Task StopAsync() => await Host.StopAsync();

    /// <summary>Stops and disposes the host but leaves the data directory, to reopen it.</summary>
    public async Task DisposeAsyncKeepingData()
    {
        try { await Host.StopAsync(); } catch (OperationCanceledException) { }
        if (Host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
        else Host.Dispose();
    }

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
}

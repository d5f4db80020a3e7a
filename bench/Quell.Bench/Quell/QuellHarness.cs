using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Bench.Quell;

/// <summary>A real Quell runtime on a fresh SQLite file in a temp directory, hosted in a Generic Host.</summary>
internal sealed class QuellHarness : IAsyncDisposable
{
    private static readonly JsonElement EmptyInput = JsonSerializer.SerializeToElement(new { });

    private readonly IHost _host;
    private readonly string _dataDirectory;

    private QuellHarness(IHost host, string dataDirectory, BenchProbe probe)
    {
        _host = host;
        _dataDirectory = dataDirectory;
        Probe = probe;
        Jobs = host.Services.GetRequiredService<IJobService>();
    }

    public IJobService Jobs { get; }

    public BenchProbe Probe { get; }

    public static async Task<QuellHarness> StartAsync(int maxConcurrency)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "quell-bench", Guid.NewGuid().ToString("N"));
        var probe = new BenchProbe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(probe);
        // Registered before AddQuell, whose TryAdd then keeps it; the SQLite store publishes through it.
        builder.Services.AddSingleton<Events.IJobEventBus>(new ProbeEventBus(probe));
        builder.Services.AddQuell(q => q.AddBenchJobs().Configure(o =>
        {
            o.DataDirectory = dataDirectory;
            o.MaxConcurrency = maxConcurrency;
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            o.ShutdownNoticePeriod = TimeSpan.Zero;
        })).UseSqliteStore();
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new QuellHarness(host, dataDirectory, probe);
    }

    public Task<JobRecord> SubmitAsync(string type) =>
        Jobs.SubmitAsync(new JobSubmission(type, EmptyInput, "bench"));

    /// <summary>Submits <paramref name="count"/> jobs from <paramref name="submitters"/> concurrent callers; returns their ids in order.</summary>
    public async Task<string[]> SubmitManyAsync(string type, int count, int submitters)
    {
        var ids = new string[count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, submitters)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) ids[i] = (await SubmitAsync(type).ConfigureAwait(false)).Id;
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// Submits <paramref name="count"/> jobs in batches of <paramref name="batch"/> through
    /// <see cref="IJobService.SubmitManyAsync"/>, from <paramref name="submitters"/> concurrent callers.
    /// </summary>
    public async Task SubmitBatchesAsync(string type, int count, int batch, int submitters)
    {
        var next = 0;
        var workers = Enumerable.Range(0, Math.Max(1, submitters)).Select(async _ =>
        {
            int start;
            while ((start = Interlocked.Add(ref next, batch) - batch) < count)
            {
                var size = Math.Min(batch, count - start);
                var submissions = new JobSubmission[size];
                for (var i = 0; i < size; i++) submissions[i] = new JobSubmission(type, EmptyInput, "bench");
                var results = await Jobs.SubmitManyAsync(submissions).ConfigureAwait(false);
                foreach (var result in results)
                {
                    if (!result.Accepted) throw new InvalidOperationException("A bench job was refused: " + result.Error!.Message);
                }
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync().ConfigureAwait(false);
            else _host.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

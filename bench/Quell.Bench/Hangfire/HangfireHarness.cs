using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;

namespace Quell.Bench.Hangfire;

/// <summary>A Hangfire server on fresh in-memory storage (or the storage given) with a fixed number of workers.</summary>
internal sealed class HangfireHarness : IDisposable
{
    private readonly JobStorage _storage;
    private readonly BackgroundJobServerOptions _options;
    private BackgroundJobServer? _server;

    /// <summary>Creates the storage and client, and starts the server unless <paramref name="start"/> is false.</summary>
    public HangfireHarness(int workers, HangfireProbe probe, TimeSpan? cancellationCheckInterval = null, bool start = true, JobStorage? storage = null)
    {
        HangfireJobs.Probe = probe;
        _storage = storage ?? new InMemoryStorage();
        _options = new BackgroundJobServerOptions { WorkerCount = workers };
        if (cancellationCheckInterval is { } interval) _options.CancellationCheckInterval = interval;
        Client = new BackgroundJobClient(_storage);
        Monitoring = _storage.GetMonitoringApi();
        if (start) Start();
    }

    public void Start() => _server ??= new BackgroundJobServer(_options, _storage);

    public IBackgroundJobClient Client { get; }

    public IMonitoringApi Monitoring { get; }

    public void Dispose()
    {
        _server?.SendStop();
        _server?.Dispose();
        (_storage as IDisposable)?.Dispose();
    }
}

using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;

namespace Quell.Bench.Hangfire;

/// <summary>A Hangfire server on fresh in-memory storage with a fixed number of workers.</summary>
internal sealed class HangfireHarness : IDisposable
{
    private readonly BackgroundJobServer _server;
    private readonly InMemoryStorage _storage;

    public HangfireHarness(int workers, HangfireProbe probe, TimeSpan? cancellationCheckInterval = null)
    {
        HangfireJobs.Probe = probe;
        _storage = new InMemoryStorage();
        var options = new BackgroundJobServerOptions { WorkerCount = workers };
        if (cancellationCheckInterval is { } interval) options.CancellationCheckInterval = interval;
        _server = new BackgroundJobServer(options, _storage);
        Client = new BackgroundJobClient(_storage);
        Monitoring = _storage.GetMonitoringApi();
    }

    public IBackgroundJobClient Client { get; }

    public IMonitoringApi Monitoring { get; }

    public void Dispose()
    {
        _server.SendStop();
        _server.Dispose();
        _storage.Dispose();
    }
}

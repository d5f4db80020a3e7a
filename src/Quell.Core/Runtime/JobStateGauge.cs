using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// <c>quell.jobs.active</c>: jobs pending (the queue depth), running and cancelling in the whole store, every node's.
/// Counted from the store only while something collects the meter, at most once per <see cref="RefreshInterval"/>;
/// a collection answers with the last count and starts the next one in the background, so a scrape never waits
/// on the store.
/// </summary>
internal sealed class JobStateGauge : IHostedService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private static readonly JobStatus[] LiveStates = [JobStatus.Pending, JobStatus.Running, JobStatus.Cancelling];

    private readonly IJobStore _store;
    private readonly TimeProvider _time;
    private Measurement<long>[] _last = [];
    private long _refreshedAt; // 0: never, so the first collection counts
    private int _refreshing;

    public JobStateGauge(IJobStore store, IMeterFactory meters, TimeProvider time)
    {
        _store = store;
        _time = time;
        meters.Create(QuellTelemetry.MeterName).CreateObservableGauge(
            "quell.jobs.active", Observe, "{job}", "Jobs pending, running or cancelling in the whole store, sampled at most every 5 s.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        var stale = _time.GetTimestamp() - Interlocked.Read(ref _refreshedAt) >= RefreshInterval.TotalSeconds * _time.TimestampFrequency;
        if (stale && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0) _ = RefreshAsync();
        return Volatile.Read(ref _last);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var counts = new Measurement<long>[LiveStates.Length];
            for (var i = 0; i < LiveStates.Length; i++)
            {
                var page = await _store.ListAsync(new JobQuery(Status: LiveStates[i], Limit: 1)).ConfigureAwait(false);
                counts[i] = new Measurement<long>(page.Total, new KeyValuePair<string, object?>("quell.job.status", LiveStates[i].ToWireName()));
            }
            Volatile.Write(ref _last, counts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A store that cannot answer now keeps the last counts; the next collection tries again.
        }
        finally
        {
            Interlocked.Exchange(ref _refreshedAt, _time.GetTimestamp());
            Volatile.Write(ref _refreshing, 0);
        }
    }
}

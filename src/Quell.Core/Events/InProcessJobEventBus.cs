using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Quell.Events;

/// <summary>The in-process bus: subscribers per job and for all jobs, delivered on the publisher's thread.</summary>
public sealed class InProcessJobEventBus : IJobEventBus
{
    private readonly ConcurrentDictionary<string, ImmutableArray<JobEventSubscription>> _byJob = new(StringComparer.Ordinal);
    private ImmutableArray<JobEventSubscription> _all = [];

    /// <inheritdoc />
    public void Publish(IReadOnlyList<JobEvent> events)
    {
        var all = _all; // ImmutableArray is a single reference: reads are atomic.
        foreach (var jobEvent in events)
        {
            foreach (var subscription in all) subscription.Deliver(jobEvent);
            if (_byJob.TryGetValue(jobEvent.JobId, out var watchers))
            {
                foreach (var subscription in watchers) subscription.Deliver(jobEvent);
            }
        }
    }

    /// <inheritdoc />
    public bool HasSubscribers(string jobId) => !_all.IsEmpty || _byJob.ContainsKey(jobId);

    /// <inheritdoc />
    public JobEventSubscription Subscribe(string? jobId = null, int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new JobEventSubscription(jobId, capacity, Unsubscribe);
        if (jobId is null)
        {
            ImmutableInterlocked.Update(ref _all, static (list, s) => list.Add(s), subscription);
        }
        else
        {
            _byJob.AddOrUpdate(jobId, static (_, s) => [s], static (_, list, s) => list.Add(s), subscription);
        }
        return subscription;
    }

    private void Unsubscribe(JobEventSubscription subscription)
    {
        if (subscription.JobId is null)
        {
            ImmutableInterlocked.Update(ref _all, static (list, s) => list.Remove(s), subscription);
            return;
        }
        while (_byJob.TryGetValue(subscription.JobId, out var list))
        {
            var next = list.Remove(subscription);
            if (next.IsEmpty
                ? _byJob.TryRemove(new KeyValuePair<string, ImmutableArray<JobEventSubscription>>(subscription.JobId, list))
                : _byJob.TryUpdate(subscription.JobId, next, list))
            {
                return;
            }
        }
    }
}

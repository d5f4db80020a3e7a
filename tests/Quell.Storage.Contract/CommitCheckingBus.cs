using System.Collections.Concurrent;
using Quell.Events;

namespace Quell.Storage.Contract;

/// <summary>
/// A bus that records what it is given and, at the moment of publication, whether each event can already be
/// read back from the store, which proves the store publishes only after commit.
/// </summary>
public sealed class CommitCheckingBus : IJobEventBus
{
    private readonly InProcessJobEventBus _inner = new();
    private readonly ConcurrentQueue<(JobEvent Event, bool Committed)> _published = new();

    /// <summary>Set once the store exists; before that nothing can be published.</summary>
    public IJobStore? Store { get; set; }

    public IReadOnlyList<(JobEvent Event, bool Committed)> Published => [.. _published];

    public void Publish(IReadOnlyList<JobEvent> events)
    {
        foreach (var jobEvent in events)
        {
            // Synchronous on purpose: the publisher must not return before the check is recorded.
            var stored = Store!.ReadEventsAsync(jobEvent.JobId, jobEvent.Seq - 1, 1).AsTask().GetAwaiter().GetResult();
            _published.Enqueue((jobEvent, stored.Count == 1 && stored[0].Seq == jobEvent.Seq));
        }
        _inner.Publish(events);
    }

    public JobEventSubscription Subscribe(string? jobId = null, int capacity = 4096) => _inner.Subscribe(jobId, capacity);

    public bool HasSubscribers(string jobId) => _inner.HasSubscribers(jobId);
}

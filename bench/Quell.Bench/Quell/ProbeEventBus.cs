using Quell.Events;

namespace Quell.Bench.Quell;

/// <summary>
/// The in-process bus with a tap: the store publishes on its writer thread after each commit, so the tap's
/// timestamp is the moment a terminal event became durable and visible — without a channel hop in between.
/// </summary>
internal sealed class ProbeEventBus(BenchProbe probe) : IJobEventBus
{
    private readonly InProcessJobEventBus _inner = new();

    public void Publish(IReadOnlyList<JobEvent> events)
    {
        foreach (var jobEvent in events)
        {
            if (JobEventTypes.IsTerminal(jobEvent.Type)) probe.TerminalPublished(jobEvent);
        }
        _inner.Publish(events);
    }

    public JobEventSubscription Subscribe(string? jobId = null, int capacity = 4096) => _inner.Subscribe(jobId, capacity);

    public bool HasSubscribers(string jobId) => _inner.HasSubscribers(jobId);
}

namespace Quell.Events;

/// <summary>
/// Carries committed events (and transient live progress) to the surfaces that watch jobs. In one process it
/// is direct; a multi-node store feeds it from its own notification channel.
/// </summary>
public interface IJobEventBus
{
    /// <summary>Delivers events to matching subscribers without blocking the publisher.</summary>
    void Publish(IReadOnlyList<JobEvent> events);

    /// <summary>
    /// Subscribes to one job's events, or to all when <paramref name="jobId"/> is null. A subscriber that falls
    /// more than <paramref name="capacity"/> events behind is closed with <see cref="JobEventSubscription.Overflowed"/>
    /// set, and must catch up from the store: the bus never blocks writers and never silently skips.
    /// </summary>
    JobEventSubscription Subscribe(string? jobId = null, int capacity = 4096);

    /// <summary>True when someone watches this job (or all jobs), so publishers can skip building transient events.</summary>
    bool HasSubscribers(string jobId);
}

using Microsoft.Extensions.Logging;
using Quell.Events;

namespace Quell.Storage.Postgres.Writing;

/// <summary>Hands committed events to the node's <see cref="IJobEventBus"/>, in sequence order.</summary>
internal sealed class EventPublisher
{
    private readonly IJobEventBus _bus;
    private readonly ILogger _logger;

    public EventPublisher(IJobEventBus bus, ILogger logger)
    {
        _bus = bus;
        _logger = logger;
    }

    /// <summary>Publishes the events a batch of this node committed.</summary>
    public Task PublishCommittedAsync(IReadOnlyList<JobEvent> events)
    {
        if (events.Count == 0) return Task.CompletedTask;
        try
        {
            _bus.Publish([.. events]);
        }
        catch (Exception ex)
        {
            // The events are durable; a subscriber's failure must not fail the writers or stop the loop.
            PostgresJobStoreLog.PublishFailed(_logger, events.Count, ex);
        }
        return Task.CompletedTask;
    }
}

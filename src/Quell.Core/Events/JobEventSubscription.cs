using System.Threading.Channels;

namespace Quell.Events;

/// <summary>A live feed of events from an <see cref="IJobEventBus"/>. Dispose it to stop receiving.</summary>
public sealed class JobEventSubscription : IDisposable
{
    private readonly Channel<JobEvent> _channel;
    private readonly Action<JobEventSubscription> _unsubscribe;
    private int _overflowed;

    internal JobEventSubscription(string? jobId, int capacity, Action<JobEventSubscription> unsubscribe)
    {
        JobId = jobId;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The job watched, or null for every job.</summary>
    public string? JobId { get; }

    /// <summary>The events, in publication order.</summary>
    public ChannelReader<JobEvent> Reader => _channel.Reader;

    /// <summary>True when the subscriber fell behind and the feed was closed; read the rest from the store.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    internal void Deliver(JobEvent jobEvent)
    {
        if (_channel.Writer.TryWrite(jobEvent)) return;
        // Full (or already closed): close the feed rather than block the writer or drop silently.
        if (Interlocked.Exchange(ref _overflowed, 1) == 0) _channel.Writer.TryComplete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _unsubscribe(this);
    }
}

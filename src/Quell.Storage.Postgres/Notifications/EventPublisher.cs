using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quell.Cancellation;
using Quell.Events;
using Quell.Serialization;

namespace Quell.Storage.Postgres.Notifications;

/// <summary>
/// Hands every committed event of the cluster to this node's <see cref="IJobEventBus"/> exactly once, in sequence
/// order: this node's batches from memory right after they commit, other nodes' from the database (the follower,
/// woken by NOTIFY, or the writer when its own batch comes after events it has not published yet). Sequence numbers
/// become visible in order with no gaps in flight (every write transaction locks the event-log head first), so
/// "everything after the last published seq" is always a complete read. Events read from the database also feed
/// the <see cref="IJobStoreSignals"/> listeners: new work, and cancel requests to signal.
/// </summary>
internal sealed class EventPublisher : IDisposable
{
    private const int Page = 1000;

    private const string ReadAfter = """
        SELECT seq, job_id, type, time, data::text FROM events
        WHERE seq > @after AND seq <= @up_to ORDER BY seq LIMIT @limit
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly IJobEventBus _bus;
    private readonly ILogger _logger;
    private ImmutableArray<Listener> _listeners = [];
    private long _published;

    public EventPublisher(NpgsqlDataSource dataSource, IJobEventBus bus, ILogger logger, long head)
    {
        _dataSource = dataSource;
        _bus = bus;
        _logger = logger;
        _published = head; // history before the open is read from the store, never replayed onto the bus
    }

    /// <summary>The highest sequence number published so far.</summary>
    public long Published => Volatile.Read(ref _published);

    public IDisposable Listen(Action workAvailable, Action<string, CancellationInfo> cancelRequested)
    {
        var listener = new Listener(this, workAvailable, cancelRequested);
        ImmutableInterlocked.Update(ref _listeners, static (list, l) => list.Add(l), listener);
        return listener;
    }

    /// <summary>Publishes the events a batch of this node committed, after any earlier events of other nodes.</summary>
    public async Task PublishCommittedAsync(IReadOnlyList<JobEvent> events)
    {
        if (events.Count == 0) return;
        List<JobEvent>? foreign = null;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (events[0].Seq > _published + 1)
            {
                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
                    foreign = await PublishFromDatabaseAsync(connection, events[0].Seq - 1, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // Publishing ours now would skip theirs for good: leave both to the follower, which reads them all.
                    PostgresJobStoreLog.CatchUpFailed(_logger, ex);
                    return;
                }
            }
            var first = 0;
            while (first < events.Count && events[first].Seq <= _published) first++; // the follower got there first
            if (first < events.Count)
            {
                Publish(first == 0 ? events : [.. events.Skip(first)]);
                _published = events[^1].Seq;
            }
        }
        finally
        {
            _gate.Release();
        }
        if (foreign is not null) Relay(foreign);
    }

    /// <summary>Publishes every event committed after the last one published, reading on <paramref name="connection"/>.</summary>
    public async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        List<JobEvent> read;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            read = await PublishFromDatabaseAsync(connection, long.MaxValue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        Relay(read);
    }

    // Under the gate. Events between the last published and upTo that are missing were purged: skipped.
    private async Task<List<JobEvent>> PublishFromDatabaseAsync(NpgsqlConnection connection, long upTo, CancellationToken cancellationToken)
    {
        var all = new List<JobEvent>();
        while (true)
        {
            var page = new List<JobEvent>(16);
            await using (var command = new NpgsqlCommand(ReadAfter, connection))
            {
                command.Parameters.AddWithValue("after", _published);
                command.Parameters.AddWithValue("up_to", upTo);
                command.Parameters.AddWithValue("limit", Page);
                await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(new JobEvent(rows.GetInt64(0), rows.GetString(1), rows.GetString(2),
                        PostgresValues.ReadTime(rows, 3), PostgresValues.ParseElement(rows.GetString(4))));
                }
            }
            if (page.Count > 0)
            {
                Publish(page);
                _published = page[^1].Seq;
                all.AddRange(page);
            }
            if (page.Count < Page) break;
        }
        if (upTo != long.MaxValue && upTo > _published) _published = upTo;
        return all;
    }

    private void Publish(IReadOnlyList<JobEvent> events)
    {
        try
        {
            _bus.Publish(events);
        }
        catch (Exception ex)
        {
            // The events are durable; a subscriber's failure must not fail the writers or stop the follower.
            PostgresJobStoreLog.PublishFailed(_logger, events.Count, ex);
        }
    }

    // Outside the gate: a listener may call back into the store.
    private void Relay(List<JobEvent> events)
    {
        var listeners = _listeners;
        if (events.Count == 0 || listeners.IsEmpty) return;
        var work = false;
        foreach (var e in events)
        {
            // Created and requeued jobs are claimable; a completed one may unblock its dependents.
            work |= e.Type is JobEventTypes.Created or JobEventTypes.Requeued or JobEventTypes.Completed;
            if (e.Type != JobEventTypes.Cancelling) continue;
            var cancellation = System.Text.Json.JsonSerializer.Deserialize(e.Data, QuellJson.Cancellation);
            if (cancellation is null) continue;
            foreach (var listener in listeners) listener.Cancel(e.JobId, cancellation);
        }
        if (!work) return;
        foreach (var listener in listeners) listener.Work();
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Listener(EventPublisher owner, Action work, Action<string, CancellationInfo> cancel) : IDisposable
    {
        public void Work() => Guard(work);

        public void Cancel(string jobId, CancellationInfo cancellation) => Guard(() => cancel(jobId, cancellation));

        private void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                PostgresJobStoreLog.ListenerFailed(owner._logger, ex);
            }
        }

        public void Dispose() => ImmutableInterlocked.Update(ref owner._listeners, static (list, l) => list.Remove(l), this);
    }
}

using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Quell.Events;
using Quell.Storage.Postgres.Notifications;

namespace Quell.Storage.Postgres.Writing;

/// <summary>
/// What an operation sees inside the writer's transaction: commands on the writer's connection, and the events of
/// the batch. The batch holds the <c>event_log_head</c> row lock from its first statement, so sequence numbers are
/// assigned here, in memory, and committed with the batch or forgotten with it. The transaction is opened and
/// closed with <c>BEGIN</c> and <c>COMMIT</c> statements sent in the batch's first and last round trips (not with
/// an <see cref="NpgsqlTransaction"/>, whose commit would be a round trip of its own), so commands carry none.
/// </summary>
internal sealed class WriteContext
{
    private const string InsertEvents = """
        INSERT INTO events (seq, job_id, type, time, data)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::json[])
        """;

    private readonly string _channel;
    private readonly string _sender;
    private readonly List<JobEvent> _events = [];
    private readonly List<string> _rawData = [];
    private int _flushed;
    private NpgsqlConnection _connection = null!;
    private long _seq;

    /// <param name="channel">Notified, on commit, by every batch that appended events.</param>
    /// <param name="sender">This writer's name in the notifications (<see cref="NotificationPayload"/>).</param>
    public WriteContext(string channel, string sender) => (_channel, _sender) = (channel, sender);

    /// <summary>Events appended in the current batch, in sequence order.</summary>
    public IReadOnlyList<JobEvent> Events => _events;

    /// <summary>Writes the current operation made; zero means a failure in C# left the transaction clean.</summary>
    public int OperationWrites { get; private set; }

    public NpgsqlCommand Command(string sql) => new(sql, _connection);

    /// <summary>An empty batch on the writer's connection, inside the transaction.</summary>
    public NpgsqlBatch Batch() => new(_connection);

    /// <summary>Records that a pipelined statement of the current operation changed rows.</summary>
    public void NoteWrite() => OperationWrites++;

    /// <summary>Runs a write statement and returns the rows it changed.</summary>
    public async Task<int> WriteAsync(NpgsqlCommand command)
    {
        await using (command.ConfigureAwait(false))
        {
            var changed = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            if (changed > 0) OperationWrites++;
            return changed;
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> once per item, in order, in one round trip (an <see cref="NpgsqlBatch"/>), and
    /// returns the rows each run changed.
    /// </summary>
    public async Task<int[]> WriteEachAsync<T>(IReadOnlyList<T> items, string sql, Action<T, NpgsqlParameterCollection> bind)
    {
        if (items.Count == 0) return [];
        await using var batch = new NpgsqlBatch(_connection);
        foreach (var item in items)
        {
            var command = new NpgsqlBatchCommand(sql);
            bind(item, command.Parameters);
            batch.BatchCommands.Add(command);
        }
        OperationWrites++; // Counted before it runs, as below: a failure then costs only a replay.
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        var changed = new int[items.Count];
        for (var i = 0; i < changed.Length; i++) changed[i] = batch.BatchCommands[i].RecordsAffected;
        return changed;
    }

    /// <summary>Runs a write statement with a RETURNING clause; the caller disposes the reader and the command.</summary>
    public Task<NpgsqlDataReader> WriteReturningAsync(NpgsqlCommand command)
    {
        OperationWrites++; // Counted before it runs: assuming a write is always safe, it only costs a replay.
        return command.ExecuteReaderAsync();
    }

    /// <summary>Queries the current operation ran (reads included), for diagnostics.</summary>
    public int OperationStatements { get; private set; }

    /// <summary>Runs a query inside the transaction; the caller disposes the reader and the command.</summary>
    public Task<NpgsqlDataReader> ReadAsync(NpgsqlCommand command)
    {
        OperationStatements++;
        return command.ExecuteReaderAsync();
    }

    /// <summary>
    /// Appends an event and returns it as it will be published. The rows are written together just before commit
    /// (<see cref="FlushEventsAsync"/>), in one statement.
    /// </summary>
    public JobEvent AppendEvent(string jobId, string type, DateTimeOffset time, JsonElement data)
    {
        var appended = new JobEvent(++_seq, jobId, type, PostgresValues.Truncate(time), data);
        _events.Add(appended);
        _rawData.Add(data.GetRawText());
        OperationWrites++;
        return appended;
    }

    /// <summary>Writes the events appended so far and moves the head. Runs before anything that deletes events.</summary>
    public async Task FlushEventsAsync()
    {
        await using var batch = new NpgsqlBatch(_connection);
        AddFlush(batch);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Writes the remaining events, moves the head, notifies and commits, in one round trip.</summary>
    internal async Task CommitAsync()
    {
        await using var batch = new NpgsqlBatch(_connection);
        AddFlush(batch);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private void AddFlush(NpgsqlBatch batch)
    {
        var count = _events.Count - _flushed;
        if (count == 0) return;
        var seqs = new long[count];
        var jobIds = new string[count];
        var types = new string[count];
        var times = new DateTime[count];
        var data = new string[count];
        for (var i = 0; i < count; i++)
        {
            var e = _events[_flushed + i];
            (seqs[i], jobIds[i], types[i], times[i], data[i]) = (e.Seq, e.JobId, e.Type, e.Time.UtcDateTime, _rawData[_flushed + i]);
        }
        var insert = new NpgsqlBatchCommand(InsertEvents);
        insert.Parameters.Add(new NpgsqlParameter { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        insert.Parameters.Add(new NpgsqlParameter { Value = jobIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        batch.BatchCommands.Add(insert);
        var head = new NpgsqlBatchCommand("UPDATE event_log_head SET last_seq = $1");
        head.Parameters.Add(new NpgsqlParameter { Value = _seq, NpgsqlDbType = NpgsqlDbType.Bigint });
        batch.BatchCommands.Add(head);
        // Delivered when (and only if) the transaction commits, to every node listening: other nodes read the events
        // from the database (a cancel row and its notification are one transaction). The payload names this writer,
        // so its own follower can leave the events to it.
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter { Value = _channel, NpgsqlDbType = NpgsqlDbType.Text });
        notify.Parameters.Add(new NpgsqlParameter { Value = NotificationPayload.Of(_sender, _seq), NpgsqlDbType = NpgsqlDbType.Text });
        batch.BatchCommands.Add(notify);
        _flushed = _events.Count;
    }

    /// <summary>Starts a batch on <paramref name="connection"/>; no event is appended before <see cref="HeadLocked"/>.</summary>
    internal void BeginBatch(NpgsqlConnection connection)
    {
        _connection = connection;
        _events.Clear();
        _rawData.Clear();
        _flushed = 0;
        IsHeadLocked = false;
    }

    /// <summary>True once the batch's transaction holds the head row.</summary>
    internal bool IsHeadLocked { get; private set; }

    /// <summary>The batch's transaction locked the head row, which read <paramref name="lastSeq"/>.</summary>
    internal void HeadLocked(long lastSeq)
    {
        _seq = lastSeq;
        IsHeadLocked = true;
    }

    internal void BeginOperation() => (OperationWrites, OperationStatements) = (0, 0);
}

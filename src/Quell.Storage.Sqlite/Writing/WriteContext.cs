using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Quell.Events;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// What an operation sees inside the writer: prepared commands, and the event log of the batch. Sequence
/// numbers are assigned here, in memory, because only this writer appends; they are committed with the batch
/// or forgotten with it.
/// </summary>
internal sealed class WriteContext : IDisposable
{
    /// <summary>
    /// Rows per multi-row event insert, largest first; what is left goes in the next smaller size. Bound by index
    /// (<see cref="RawStatement"/>), so a wide statement costs no more per row than a narrow one.
    /// </summary>
    private static readonly int[] EventChunks = [32, 8, 1];

    private readonly PreparedStatements _statements;
    private readonly SqliteConnection _connection;
    private readonly List<PendingEvent> _pending = [];
    private readonly RawStatement?[] _insertEvents = new RawStatement?[EventChunks.Length];
    private readonly List<JobEvent> _events = [];
    private long _committedSeq;
    private long _seq;

    public WriteContext(SqliteConnection connection, PreparedStatements statements, long lastSeq)
    {
        _connection = connection;
        _statements = statements;
        _committedSeq = lastSeq;
        _seq = lastSeq;
    }

    /// <summary>Events appended in the current batch, in sequence order.</summary>
    public IReadOnlyList<JobEvent> Events => _events;

    /// <summary>The newest sequence number given out, committed or in this batch.</summary>
    public long LastSeq => _seq;

    /// <summary>Writes the current operation made; zero means a failure leaves the transaction clean.</summary>
    public int OperationWrites { get; private set; }

    public SqliteCommand Command(string sql) => _statements.Get(sql);

    /// <summary>A hot-path statement, bound by index; see <see cref="RawStatement"/>.</summary>
    public RawStatement Statement(string sql) => _statements.GetRaw(sql);

    /// <summary>Runs a write statement and returns the rows it changed.</summary>
    public int Write(RawStatement statement)
    {
        var changed = statement.Execute();
        if (changed > 0) OperationWrites++;
        return changed;
    }

    /// <summary>
    /// Starts a write statement whose RETURNING rows the caller reads; it must <see cref="RawStatement.Reset"/> it.
    /// </summary>
    public RawStatement WriteReturning(RawStatement statement)
    {
        OperationWrites++; // Counted before it runs: assuming a write is always safe, it only costs a replay.
        return statement;
    }

    /// <summary>Runs a write statement and returns the rows it changed.</summary>
    public int Write(SqliteCommand command)
    {
        var changed = command.ExecuteNonQuery();
        if (changed > 0) OperationWrites++;
        return changed;
    }

    /// <summary>Runs a write statement with a RETURNING clause.</summary>
    public SqliteDataReader WriteReturning(SqliteCommand command)
    {
        OperationWrites++; // Counted before it runs: assuming a write is always safe, it only costs a replay.
        return command.ExecuteReader();
    }

    /// <summary>
    /// Appends an event and returns it as it will be published. The row is written with the batch's other events
    /// just before commit (<see cref="FlushEvents"/>), several rows per statement: events are most of the rows a
    /// job writes, and one statement per row was most of the writer's time.
    /// </summary>
    public JobEvent AppendEvent(string jobId, string type, DateTimeOffset time, JsonElement data, string? rawData = null)
    {
        var seq = _seq + 1;
        var ms = SqliteValues.ToUnixMs(time);
        _pending.Add(new PendingEvent(seq, jobId, type, ms, rawData ?? data.GetRawText()));
        OperationWrites++;
        _seq = seq;
        var appended = new JobEvent(seq, jobId, type, SqliteValues.FromUnixMs(ms), data);
        _events.Add(appended);
        return appended;
    }

    /// <summary>Writes the events appended so far. Runs before commit, and before anything that reads or deletes events.</summary>
    public void FlushEvents()
    {
        var next = 0;
        while (next < _pending.Count)
        {
            var size = 0;
            while (_pending.Count - next < EventChunks[size]) size++;
            var rows = EventChunks[size];
            var statement = _insertEvents[size] ??= CreateInsertEvents(rows);
            for (var r = 0; r < rows; r++)
            {
                var e = _pending[next + r];
                var p = r * 5;
                statement.Bind(p + 1, e.Seq).Bind(p + 2, e.JobId).Bind(p + 3, e.Type).Bind(p + 4, e.TimeMs).Bind(p + 5, e.Data);
            }
            statement.Execute();
            next += rows;
        }
        _pending.Clear();
    }

    private RawStatement CreateInsertEvents(int rows)
    {
        var values = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) values.Append(", ");
            var p = r * 5;
            values.Append(CultureInfo.InvariantCulture, $"(?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4}, ?{p + 5})");
        }
        return RawStatement.Prepare(_connection, "INSERT INTO events (seq, job_id, type, time, data) VALUES " + values);
    }

    public void Dispose()
    {
        foreach (var command in _insertEvents) command?.Dispose();
    }

    private readonly record struct PendingEvent(long Seq, string JobId, string Type, long TimeMs, string Data);

    internal void BeginBatch()
    {
        _events.Clear();
        _pending.Clear();
        _seq = _committedSeq;
    }

    internal void BeginOperation() => OperationWrites = 0;

    internal void Committed() => _committedSeq = _seq;
}

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
    /// Rows per multi-row event insert, largest first; what is left goes in the next smaller size. Not larger:
    /// Microsoft.Data.Sqlite looks every parameter up by name on each execution, and SQLite's lookup is a linear
    /// scan, so a statement of n parameters costs n²/2 name comparisons (32 rows, 160 parameters, were 3.6 % of the
    /// process's CPU in <c>strncmp</c> in the 2026-12-07 profile).
    /// </summary>
    private static readonly int[] EventChunks = [16, 4, 1];

    private readonly PreparedStatements _statements;
    private readonly SqliteConnection _connection;
    private readonly List<PendingEvent> _pending = [];
    private readonly SqliteCommand?[] _insertEvents = new SqliteCommand?[EventChunks.Length];
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

    /// <summary>Writes the current operation made; zero means a failure leaves the transaction clean.</summary>
    public int OperationWrites { get; private set; }

    public SqliteCommand Command(string sql) => _statements.Get(sql);

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
            var command = _insertEvents[size] ??= CreateInsertEvents(rows);
            for (var r = 0; r < rows; r++)
            {
                var e = _pending[next + r];
                var p = r * 5;
                command.Parameters[p].Value = e.Seq;
                command.Parameters[p + 1].Value = e.JobId;
                command.Parameters[p + 2].Value = e.Type;
                command.Parameters[p + 3].Value = e.TimeMs;
                command.Parameters[p + 4].Value = e.Data;
            }
            command.ExecuteNonQuery();
            next += rows;
        }
        _pending.Clear();
    }

    private SqliteCommand CreateInsertEvents(int rows)
    {
        var command = _connection.CreateCommand();
        var values = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) values.Append(", ");
            values.Append(CultureInfo.InvariantCulture, $"($s{r}, $j{r}, $t{r}, $m{r}, $d{r})");
            foreach (var name in new[] { "$s", "$j", "$t", "$m", "$d" })
            {
                command.Parameters.Add(new SqliteParameter(name + r.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }
        }
        command.CommandText = "INSERT INTO events (seq, job_id, type, time, data) VALUES " + values;
        command.Prepare();
        return command;
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

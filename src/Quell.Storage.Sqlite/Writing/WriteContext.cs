using System.Text.Json;
using Microsoft.Data.Sqlite;
using Quell.Events;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// What an operation sees inside the writer: prepared commands, and the event log of the batch. Sequence
/// numbers are assigned here, in memory, because only this writer appends; they are committed with the batch
/// or forgotten with it.
/// </summary>
internal sealed class WriteContext
{
    private const string InsertEvent =
        "INSERT INTO events (seq, job_id, type, time, data) VALUES ($seq, $job_id, $type, $time, $data)";

    private readonly PreparedStatements _statements;
    private readonly List<JobEvent> _events = [];
    private long _committedSeq;
    private long _seq;

    public WriteContext(PreparedStatements statements, long lastSeq)
    {
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

    /// <summary>Appends an event and returns it as it will be published.</summary>
    public JobEvent AppendEvent(string jobId, string type, DateTimeOffset time, JsonElement data, string? rawData = null)
    {
        var seq = _seq + 1;
        var ms = SqliteValues.ToUnixMs(time);
        Write(Command(InsertEvent)
            .Bind("$seq", seq)
            .Bind("$job_id", jobId)
            .Bind("$type", type)
            .Bind("$time", ms)
            .Bind("$data", rawData ?? data.GetRawText()));
        _seq = seq;
        var appended = new JobEvent(seq, jobId, type, SqliteValues.FromUnixMs(ms), data);
        _events.Add(appended);
        return appended;
    }

    internal void BeginBatch()
    {
        _events.Clear();
        _seq = _committedSeq;
    }

    internal void BeginOperation() => OperationWrites = 0;

    internal void Committed() => _committedSeq = _seq;
}

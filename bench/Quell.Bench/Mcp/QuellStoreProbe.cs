using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Quell.Bench.Mcp;

/// <summary>
/// Watches the store of a running <c>quell mcp</c> from outside, read-only (as <c>quell jobs --data</c> does): a job
/// is seen as cancelled when a read sees the commit that made it so. Polled about every 100 µs, so a time is an upper
/// bound, late by at most one poll interval (reported as the resolution).
/// </summary>
internal sealed class QuellStoreProbe : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _newest;
    private readonly SqliteCommand _state;
    private readonly SqliteParameter _id;

    public QuellStoreProbe(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        _newest = _connection.CreateCommand();
        _newest.CommandText = "SELECT id, status FROM jobs ORDER BY created_seq DESC LIMIT 1";
        _state = _connection.CreateCommand();
        // The cancel request and the terminal state are both columns of the job's row; job.cancelled is inserted in
        // the same transaction as status = 'cancelled', so seeing one is seeing the other.
        _state.CommandText = "SELECT cancellation IS NOT NULL, status FROM jobs WHERE id = $id";
        _id = _state.Parameters.Add("$id", SqliteType.Text);
        _state.Prepare();
    }

    /// <summary>The most recently created job and its status; null when there is none.</summary>
    public (string Id, string Status)? Newest()
    {
        using var reader = _newest.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Polls until the job is terminal: when a durable cancel request was first seen, when the terminal state was
    /// first seen (Stopwatch timestamps), the terminal status, and when the read before that one started (the
    /// terminal commit happened between the two).
    /// </summary>
    public CancelObservation WaitUntilTerminal(string jobId, TimeSpan timeout)
    {
        _id.Value = jobId;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long? requested = null;
        long previous = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            bool cancelRequested;
            string status;
            using (var reader = _state.ExecuteReader())
            {
                if (!reader.Read()) throw new InvalidOperationException($"Job {jobId} is not in the store.");
                cancelRequested = reader.GetBoolean(0);
                status = reader.GetString(1);
            }
            var seen = Stopwatch.GetTimestamp();
            if (cancelRequested) requested ??= seen;
            if (status is "completed" or "failed" or "cancelled") return new CancelObservation(requested, seen, status, previous == 0 ? start : previous);
            if (seen > deadline) return new CancelObservation(requested, null, status, previous);
            previous = start;
            NativeMethods.SleepMicroseconds(100);
        }
    }

    public void Dispose()
    {
        _newest.Dispose();
        _state.Dispose();
        _connection.Dispose();
    }
}

/// <summary>What the store poller saw after a cancel; times are Stopwatch timestamps, null when never seen.</summary>
internal sealed record CancelObservation(long? RequestDurableAt, long? TerminalAt, string Status, long PreviousReadAt);

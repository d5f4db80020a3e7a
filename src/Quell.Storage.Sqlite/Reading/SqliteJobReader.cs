using Microsoft.Data.Sqlite;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage.Sqlite.Connections;

namespace Quell.Storage.Sqlite.Reading;

/// <summary>
/// The store's queries, each on a short-lived pooled read-only connection. WAL gives every statement a
/// committed snapshot, so reads never wait for the writer.
/// </summary>
internal sealed class SqliteJobReader
{
    private readonly SqliteConnectionFactory _connections;

    public SqliteJobReader(SqliteConnectionFactory connections) => _connections = connections;

    public async ValueTask<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id", ("$id", jobId));
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.Read(row) : null;
    }

    public async ValueTask<PartialResults?> GetPartialResultsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT partial_results, status FROM jobs WHERE id = $id", ("$id", jobId));
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        if (!row.IsDBNull(0)) return SqliteValues.Parse(row.GetString(0), QuellJson.PartialResults);
        // A completed job's "complete and empty" is not stored (FinishJobOperation).
        return row.GetString(1) == "completed" ? PartialResults.CompleteEmpty : null;
    }

    public async ValueTask<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        const string Filter = """
            WHERE ($owner IS NULL OR owner = $owner)
              AND ($status IS NULL OR status = $status)
              AND ($type IS NULL OR type = $type)
            """;
        (string, object)[] parameters =
        [
            ("$owner", SqliteValues.ToDb(query.Owner)),
            ("$status", SqliteValues.ToDb(query.Status?.ToWireName())),
            ("$type", SqliteValues.ToDb(query.Type)),
            ("$limit", query.Limit),
            ("$offset", query.Offset),
        ];
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the page and the total come from the same snapshot.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<JobRecord>();
        await using (var command = Command(connection,
                         $"SELECT {JobRows.Columns} FROM jobs {Filter} ORDER BY created_seq DESC LIMIT $limit OFFSET $offset",
                         parameters))
        {
            command.Transaction = (SqliteTransaction)transaction;
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(JobRows.Read(rows));
        }
        await using var count = Command(connection, $"SELECT COUNT(*) FROM jobs {Filter}", parameters[..3]);
        count.Transaction = (SqliteTransaction)transaction;
        var total = Convert.ToInt32(
            await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        return new JobPage(items, total, query.Limit, query.Offset);
    }

    public async ValueTask<IReadOnlyList<JobEvent>> ReadEventsAsync(
        string jobId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT seq, type, time, data FROM events WHERE job_id = $id AND seq > $after ORDER BY seq LIMIT $limit",
            ("$id", jobId), ("$after", afterSeq), ("$limit", limit));
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<JobEvent>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new JobEvent(
                rows.GetInt64(0), jobId, rows.GetString(1), SqliteValues.FromUnixMs(rows.GetInt64(2)),
                SqliteValues.ParseElement(rows.GetString(3))));
        }
        return events;
    }

    public async ValueTask<IReadOnlyList<string>> GetPendingDependentsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, """
            SELECT j.id FROM job_dependencies AS d JOIN jobs AS j ON j.id = d.job_id
            WHERE d.depends_on = $id AND j.status = 'pending'
            ORDER BY j.created_seq
            """, ("$id", jobId));
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(rows.GetString(0));
        return ids;
    }

    public async ValueTask<IReadOnlyList<JobRecord>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"""
            SELECT {JobRows.Columns} FROM jobs
            WHERE lease_expires_at < $now AND status IN ('running', 'cancelling')
            ORDER BY lease_expires_at
            """, ("$now", SqliteValues.ToUnixMs(now)));
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) jobs.Add(JobRows.Read(rows));
        return jobs;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}

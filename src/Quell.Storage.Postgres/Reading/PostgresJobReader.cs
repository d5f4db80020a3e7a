using System.Data;
using Npgsql;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Serialization;

namespace Quell.Storage.Postgres.Reading;

/// <summary>The store's queries, each on a pooled connection of the data source; none takes a lock.</summary>
internal sealed class PostgresJobReader
{
    private const string ListFilter = """
        WHERE (@owner::text IS NULL OR owner = @owner::text)
          AND (@status::text IS NULL OR status = @status::text)
          AND (@type::text IS NULL OR type = @type::text)
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresJobReader(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public async ValueTask<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {JobRows.Columns} FROM jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.Read(row) : null;
    }

    public async ValueTask<PartialResults?> GetPartialResultsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT partial_results::text FROM jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return PostgresValues.Parse(json, QuellJson.PartialResults);
    }

    public async ValueTask<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for the page and the total.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var items = new List<JobRecord>();
        await using (var command = Filtered(new NpgsqlCommand(
                         $"SELECT {JobRows.Columns} FROM jobs {ListFilter} ORDER BY created_seq DESC LIMIT @limit OFFSET @offset",
                         connection, transaction), query))
        {
            command.Parameters.AddWithValue("limit", query.Limit);
            command.Parameters.AddWithValue("offset", query.Offset);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(JobRows.Read(rows));
        }
        await using var count = Filtered(new NpgsqlCommand($"SELECT COUNT(*) FROM jobs {ListFilter}", connection, transaction), query);
        var total = Convert.ToInt32(
            await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new JobPage(items, total, query.Limit, query.Offset);
    }

    public async ValueTask<IReadOnlyList<JobEvent>> ReadEventsAsync(
        string jobId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT seq, type, time, data::text FROM events WHERE job_id = @id AND seq > @after ORDER BY seq LIMIT @limit");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("limit", limit);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<JobEvent>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new JobEvent(
                rows.GetInt64(0), jobId, rows.GetString(1), PostgresValues.ReadTime(rows, 2),
                PostgresValues.ParseElement(rows.GetString(3))));
        }
        return events;
    }

    public async ValueTask<IReadOnlyList<string>> GetPendingDependentsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT j.id FROM job_dependencies AS d JOIN jobs AS j ON j.id = d.job_id
            WHERE d.depends_on = @id AND j.status = 'pending'
            ORDER BY j.created_seq
            """);
        command.Parameters.AddWithValue("id", jobId);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(rows.GetString(0));
        return ids;
    }

    public async ValueTask<IReadOnlyList<JobRecord>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT {JobRows.Columns} FROM jobs
            WHERE lease_expires_at < @now AND status IN ('running', 'cancelling')
            ORDER BY lease_expires_at
            """);
        command.Parameters.AddWithValue("now", PostgresValues.ToDb(now));
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) jobs.Add(JobRows.Read(rows));
        return jobs;
    }

    private static NpgsqlCommand Filtered(NpgsqlCommand command, JobQuery query)
    {
        command.Parameters.AddWithValue("owner", NpgsqlTypes.NpgsqlDbType.Text, PostgresValues.ToDb(query.Owner));
        command.Parameters.AddWithValue("status", NpgsqlTypes.NpgsqlDbType.Text, PostgresValues.ToDb(query.Status?.ToWireName()));
        command.Parameters.AddWithValue("type", NpgsqlTypes.NpgsqlDbType.Text, PostgresValues.ToDb(query.Type));
        return command;
    }
}

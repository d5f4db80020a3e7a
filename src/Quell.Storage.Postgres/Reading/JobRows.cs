using Npgsql;
using Quell.Jobs;
using Quell.Serialization;

namespace Quell.Storage.Postgres.Reading;

/// <summary>The columns of a <see cref="JobRecord"/> and how a row becomes one.</summary>
internal static class JobRows
{
    public const string Columns =
        "id, type, owner, status, input, progress, cancellation, result, error, timeout_seconds, depends_on, " +
        "attempt, created_at, started_at, finished_at, parent_id";

    /// <summary><see cref="Columns"/> of the table aliased <c>j</c>.</summary>
    public const string JColumns =
        "j.id, j.type, j.owner, j.status, j.input, j.progress, j.cancellation, j.result, j.error, j.timeout_seconds, " +
        "j.depends_on, j.attempt, j.created_at, j.started_at, j.finished_at, j.parent_id";

    /// <summary>How many columns <see cref="Read"/> takes; a query may return more after them.</summary>
    public const int Count = 16;

    public const string TerminalStatuses = "('cancelled', 'completed', 'failed')";

    public static JobRecord Read(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0),
        Type = row.GetString(1),
        Owner = row.GetString(2),
        Status = ParseStatus(row.GetString(3)),
        Input = row.IsDBNull(4) ? default : PostgresValues.ParseElement(row.GetString(4)),
        Progress = PostgresValues.Parse(PostgresValues.ReadStringOrNull(row, 5), QuellJson.Progress),
        Cancellation = PostgresValues.Parse(PostgresValues.ReadStringOrNull(row, 6), QuellJson.Cancellation),
        Result = row.IsDBNull(7) ? null : PostgresValues.ParseElement(row.GetString(7)),
        Error = PostgresValues.ReadStringOrNull(row, 8),
        TimeoutSeconds = row.IsDBNull(9) ? null : row.GetInt32(9),
        DependsOn = PostgresValues.Parse(PostgresValues.ReadStringOrNull(row, 10), QuellJson.Ids) ?? [],
        Attempt = row.GetInt32(11),
        CreatedAt = PostgresValues.ReadTime(row, 12),
        StartedAt = PostgresValues.ReadTimeOrNull(row, 13),
        FinishedAt = PostgresValues.ReadTimeOrNull(row, 14),
        ParentId = PostgresValues.ReadStringOrNull(row, 15),
    };

    public static JobStatus ParseStatus(string value) => value switch
    {
        "pending" => JobStatus.Pending,
        "running" => JobStatus.Running,
        "cancelling" => JobStatus.Cancelling,
        "cancelled" => JobStatus.Cancelled,
        "completed" => JobStatus.Completed,
        "failed" => JobStatus.Failed,
        _ => throw new InvalidDataException($"Unknown job status '{value}' in the store."),
    };
}

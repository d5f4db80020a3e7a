using Microsoft.Data.Sqlite;
using Quell.Jobs;
using Quell.Serialization;

namespace Quell.Storage.Sqlite.Reading;

/// <summary>The columns of a <see cref="JobRecord"/> and how a row becomes one.</summary>
internal static class JobRows
{
    public const string Columns =
        "id, type, owner, status, input, progress, cancellation, result, error, timeout_seconds, depends_on, " +
        "attempt, created_at, started_at, finished_at, parent_id";

    public const string TerminalStatuses = "('cancelled', 'completed', 'failed')";

    public static JobRecord Read(SqliteDataReader reader) => Read(new DataReaderRow(reader));

    public static JobRecord Read<TRow>(TRow row) where TRow : ISqliteRow => new()
    {
        Id = row.GetString(0),
        Type = row.GetString(1),
        Owner = row.GetString(2),
        Status = ParseStatus(row.GetString(3)),
        Input = row.IsNull(4) ? default : SqliteValues.ParseElement(row.GetString(4)),
        Progress = SqliteValues.Parse(GetStringOrNull(row, 5), QuellJson.Progress),
        Cancellation = SqliteValues.Parse(GetStringOrNull(row, 6), QuellJson.Cancellation),
        Result = row.IsNull(7) ? null : SqliteValues.ParseElement(row.GetString(7)),
        Error = GetStringOrNull(row, 8),
        TimeoutSeconds = row.IsNull(9) ? null : row.GetInt32(9),
        DependsOn = SqliteValues.Parse(GetStringOrNull(row, 10), QuellJson.Ids) ?? [],
        Attempt = row.GetInt32(11),
        CreatedAt = SqliteValues.FromUnixMs(row.GetInt64(12)),
        StartedAt = row.IsNull(13) ? null : SqliteValues.FromUnixMs(row.GetInt64(13)),
        FinishedAt = row.IsNull(14) ? null : SqliteValues.FromUnixMs(row.GetInt64(14)),
        ParentId = GetStringOrNull(row, 15),
    };

    public static string? GetStringOrNull(SqliteDataReader reader, int ordinal) =>
        GetStringOrNull(new DataReaderRow(reader), ordinal);

    public static string? GetStringOrNull<TRow>(TRow row, int ordinal) where TRow : ISqliteRow =>
        row.IsNull(ordinal) ? null : row.GetString(ordinal);

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

using Quell.Cancellation;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Reads a job inside the writer's transaction: whole, or just the state transitions need.</summary>
internal static class JobLookup
{
    private const string SelectJob = $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id";

    private const string SelectState =
        "SELECT status, cancellation, attempt, lease_expires_at FROM jobs WHERE id = $id";

    public static JobRecord? Find(WriteContext context, string jobId)
    {
        using var row = context.Command(SelectJob).Bind("$id", jobId).ExecuteReader();
        return row.Read() ? JobRows.Read(row) : null;
    }

    public static JobState? FindState(WriteContext context, string jobId)
    {
        using var row = context.Command(SelectState).Bind("$id", jobId).ExecuteReader();
        if (!row.Read()) return null;
        return new JobState(
            JobRows.ParseStatus(row.GetString(0)),
            SqliteValues.Parse(JobRows.GetStringOrNull(row, 1), QuellJson.Cancellation),
            row.GetInt32(2),
            row.IsDBNull(3) ? null : row.GetInt64(3));
    }
}

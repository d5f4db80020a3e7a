using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Postgres.Reading;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Reads a job inside the writer's transaction, locking its row: whole, or just the state transitions need.</summary>
internal static class JobLookup
{
    private const string SelectJob = $"SELECT {JobRows.Columns} FROM jobs WHERE id = @id FOR UPDATE";

    private const string SelectState =
        "SELECT status, cancellation, attempt, lease_expires_at FROM jobs WHERE id = @id FOR UPDATE";

    public static async Task<JobRecord?> FindAsync(WriteContext context, string jobId)
    {
        await using var command = context.Command(SelectJob);
        command.Parameters.AddWithValue("id", jobId);
        await using var row = await context.ReadAsync(command).ConfigureAwait(false);
        return await row.ReadAsync().ConfigureAwait(false) ? JobRows.Read(row) : null;
    }

    public static async Task<JobState?> FindStateAsync(WriteContext context, string jobId)
    {
        await using var command = context.Command(SelectState);
        command.Parameters.AddWithValue("id", jobId);
        await using var row = await context.ReadAsync(command).ConfigureAwait(false);
        if (!await row.ReadAsync().ConfigureAwait(false)) return null;
        return new JobState(
            JobRows.ParseStatus(row.GetString(0)),
            PostgresValues.Parse(PostgresValues.ReadStringOrNull(row, 1), QuellJson.Cancellation),
            row.GetInt32(2),
            PostgresValues.ReadTimeOrNull(row, 3));
    }
}

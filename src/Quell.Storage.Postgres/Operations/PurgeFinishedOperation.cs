using Quell.Storage.Postgres.Reading;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Deletes terminal jobs that finished before a time, with their events and dependency rows, in one statement.</summary>
internal sealed class PurgeFinishedOperation : WriteOperation<int>
{
    private const string Purge = $"""
        WITH gone AS (
            DELETE FROM jobs WHERE finished_at < @before AND status IN {JobRows.TerminalStatuses} RETURNING id),
        gone_events AS (DELETE FROM events WHERE job_id IN (SELECT id FROM gone)),
        gone_dependencies AS (DELETE FROM job_dependencies WHERE job_id IN (SELECT id FROM gone))
        SELECT COUNT(*) FROM gone
        """;

    private readonly DateTime _before;

    public PurgeFinishedOperation(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
        : base(cancellationToken) => _before = PostgresValues.ToDb(finishedBefore);

    public override async Task ExecuteAsync(WriteContext context)
    {
        await context.FlushEventsAsync().ConfigureAwait(false); // events appended earlier in this batch go with their jobs
        await using var command = context.Command(Purge);
        command.Parameters.AddWithValue("before", _before);
        await using var row = await context.WriteReturningAsync(command).ConfigureAwait(false);
        await row.ReadAsync().ConfigureAwait(false);
        Result = (int)row.GetInt64(0);
    }
}

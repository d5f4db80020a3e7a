using Npgsql;
using NpgsqlTypes;
using Quell.Events;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Appends events that change no state; events of jobs that no longer exist are dropped.</summary>
internal sealed class AppendEventsOperation : PipelinedWriteOperation<bool>
{
    private const string Existing = "SELECT id FROM jobs WHERE id = ANY(@ids)";

    private readonly IReadOnlyList<NewJobEvent> _events;

    public AppendEventsOperation(IReadOnlyList<NewJobEvent> events, CancellationToken cancellationToken)
        : base(cancellationToken) => _events = events;

    public override void AddCommands(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(Existing);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text,
            _events.Select(e => e.JobId).Distinct(StringComparer.Ordinal).ToArray());
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var rows = await results.NextAsync().ConfigureAwait(false);
        while (await rows.ReadAsync().ConfigureAwait(false)) existing.Add(rows.GetString(0));
        // A job may have been purged while its handler was still logging: nothing to attach the event to.
        foreach (var jobEvent in _events)
        {
            if (existing.Contains(jobEvent.JobId)) context.AppendEvent(jobEvent.JobId, jobEvent.Type, jobEvent.Time, jobEvent.Data);
        }
        Result = true;
    }
}

using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Deletes terminal jobs that finished before a time, with their events and dependency rows.</summary>
internal sealed class PurgeFinishedOperation : WriteOperation<int>
{
    private const string Finished =
        $"SELECT id FROM jobs WHERE finished_at < $before AND status IN {JobRows.TerminalStatuses}";

    private const string DeleteEvents = $"DELETE FROM events WHERE job_id IN ({Finished})";

    private const string DeleteDependencies = $"DELETE FROM job_dependencies WHERE job_id IN ({Finished})";

    private const string DeleteJobs =
        $"DELETE FROM jobs WHERE finished_at < $before AND status IN {JobRows.TerminalStatuses}";

    // The newest sequence number given out so far survives the purge of its event: it is never given out again.
    private const string KeepHighWater = """
        INSERT INTO store_meta (key, value) VALUES ('events_high_water', $seq)
        ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)
        """;

    private readonly long _before;

    public PurgeFinishedOperation(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
        : base(cancellationToken) => _before = SqliteValues.ToUnixMs(finishedBefore);

    public override void Execute(WriteContext context)
    {
        context.FlushEvents(); // events appended earlier in this batch must be deleted with their jobs, not after

        context.Write(context.Command(KeepHighWater).Bind("$seq", context.LastSeq));
        // Children first: the job rows are what the other two statements select by.
        context.Write(context.Command(DeleteEvents).Bind("$before", _before));
        context.Write(context.Command(DeleteDependencies).Bind("$before", _before));
        Result = context.Write(context.Command(DeleteJobs).Bind("$before", _before));
    }
}

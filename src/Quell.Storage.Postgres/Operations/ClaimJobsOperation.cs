using Npgsql;
using NpgsqlTypes;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Reading;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>
/// Moves the oldest claimable pending jobs to running under this node's lease, in one statement. The candidate
/// rows are locked with <c>FOR UPDATE SKIP LOCKED</c> and the update is conditional on <c>pending</c>, so a job is
/// never handed out twice, whatever else holds its row.
/// </summary>
internal sealed class ClaimJobsOperation : PipelinedWriteOperation<IReadOnlyList<JobRecord>>
{
    // A dependency counts once it completed. One that is missing was purged by retention: the runtime checks that
    // dependencies exist at submission, and a dependency that failed or was cancelled already cancelled its pending
    // dependents, so a purged one had completed and must not block them forever.
    // The update finds each picked row by its physical address (ctid): a lookup that needs no statistics, where a
    // join on id let the planner of a young table scan the pending index once per picked row. The row is locked
    // from the pick to the update, and every writer holds the event-log head, so nobody moves it in between.
    private const string Claim = $"""
        WITH picked AS (
            SELECT j.ctid FROM jobs AS j
            WHERE j.status = 'pending'
              AND j.type = ANY(@types)
              AND NOT EXISTS (
                  SELECT 1 FROM job_dependencies AS d JOIN jobs AS p ON p.id = d.depends_on
                  WHERE d.job_id = j.id AND p.status <> 'completed')
            ORDER BY j.created_seq
            LIMIT @max_jobs
            FOR UPDATE OF j SKIP LOCKED)
        UPDATE jobs AS j
        SET status = 'running', attempt = j.attempt + 1, started_at = COALESCE(j.started_at, @now),
            lease_owner = @node_id, lease_expires_at = @lease_expires_at
        FROM picked
        WHERE j.ctid = picked.ctid AND j.status = 'pending'
        RETURNING {JobRows.JColumns}, j.created_seq
        """;

    private readonly JobClaim _claim;
    private readonly string[] _types;

    public ClaimJobsOperation(JobClaim claim, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _claim = claim;
        _types = [.. claim.JobTypes];
    }

    public override void AddCommands(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(Claim);
        command.Parameters.AddWithValue("types", NpgsqlDbType.Array | NpgsqlDbType.Text, _types);
        command.Parameters.AddWithValue("max_jobs", _claim.JobsWantedNow()); // asked as the batch is built
        command.Parameters.AddWithValue("now", PostgresValues.ToDb(_claim.Now));
        command.Parameters.AddWithValue("node_id", _claim.NodeId);
        command.Parameters.AddWithValue("lease_expires_at", PostgresValues.ToDb(_claim.LeaseUntil));
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        var claimed = new List<(long Seq, JobRecord Job)>(Math.Min(_claim.MaxJobs, 256));
        var rows = await results.NextAsync().ConfigureAwait(false);
        while (await rows.ReadAsync().ConfigureAwait(false)) claimed.Add((rows.GetInt64(JobRows.Count), JobRows.Read(rows)));
        if (claimed.Count > 0) context.NoteWrite();
        // RETURNING has no order of its own: oldest first, as picked.
        claimed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        var now = PostgresValues.Truncate(_claim.Now);
        foreach (var (_, job) in claimed)
        {
            context.AppendEvent(job.Id, JobEventTypes.Started, now, JobEventData.Started(job.Attempt, _claim.NodeId));
        }
        Result = [.. claimed.Select(c => c.Job)];
    }
}

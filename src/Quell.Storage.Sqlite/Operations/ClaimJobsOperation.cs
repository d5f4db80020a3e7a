using System.Text.Json;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>
/// Moves the oldest claimable pending jobs to running under a lease. Claims are serialized by the single
/// writer, so a job is never handed out twice.
/// </summary>
internal sealed class ClaimJobsOperation : WriteOperation<IReadOnlyList<JobRecord>>
{
    // A dependency counts once it completed. One that is missing was purged by retention: the runtime checks that
    // dependencies exist at submission, and a dependency that failed or was cancelled already cancelled its pending
    // dependents, so a purged one had completed and must not block them forever.
    private const string SelectClaimable = $"""
        SELECT {JobRows.Columns} FROM jobs AS j
        WHERE j.status = 'pending'
          AND j.type IN (SELECT value FROM json_each($types))
          AND NOT EXISTS (
              SELECT 1 FROM job_dependencies AS d LEFT JOIN jobs AS p ON p.id = d.depends_on
              WHERE d.job_id = j.id AND p.status <> 'completed')
        ORDER BY j.created_seq
        LIMIT $max_jobs
        """;

    private const string Start = """
        UPDATE jobs SET status = 'running', attempt = $attempt, started_at = $started_at,
                        lease_owner = $node_id, lease_expires_at = $lease_expires_at
        WHERE id = $id AND status = 'pending'
        """;

    private readonly JobClaim _claim;
    private readonly string _types;

    public ClaimJobsOperation(JobClaim claim, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _claim = claim;
        _types = JsonSerializer.Serialize<IReadOnlyList<string>>([.. claim.JobTypes], QuellJson.Ids);
    }

    public override void Execute(WriteContext context)
    {
        var candidates = new List<JobRecord>(Math.Min(_claim.MaxJobs, 256));
        using (var rows = context.Command(SelectClaimable)
                   .Bind("$types", _types)
                   .Bind("$max_jobs", _claim.MaxJobs)
                   .ExecuteReader())
        {
            while (rows.Read()) candidates.Add(JobRows.Read(rows));
        }

        var now = SqliteValues.Truncate(_claim.Now);
        var claimed = new List<JobRecord>(candidates.Count);
        foreach (var job in candidates)
        {
            var attempt = job.Attempt + 1;
            var startedAt = job.StartedAt ?? now;
            context.Write(context.Command(Start)
                .Bind("$id", job.Id)
                .Bind("$attempt", attempt)
                .Bind("$started_at", SqliteValues.ToUnixMs(startedAt))
                .Bind("$node_id", _claim.NodeId)
                .Bind("$lease_expires_at", SqliteValues.ToUnixMs(_claim.LeaseUntil)));
            context.AppendEvent(job.Id, JobEventTypes.Started, now, JobEventData.Started(attempt, _claim.NodeId));
            claimed.Add(job with { Status = JobStatus.Running, Attempt = attempt, StartedAt = startedAt });
        }
        Result = claimed;
    }
}

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
    // One statement for the whole claim (it was a select and then one update per job): the update picks the oldest
    // claimable rows itself and returns them as they are now. RETURNING's order is unspecified, so created_seq comes
    // back too and orders them.
    private const string ClaimOldest = $"""
        UPDATE jobs SET status = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, $started_at),
                        lease_owner = $node_id, lease_expires_at = $lease_expires_at
        WHERE created_seq IN (
            SELECT j.created_seq FROM jobs AS j
            WHERE j.status = 'pending'
              AND j.type IN (SELECT value FROM json_each($types))
              AND NOT EXISTS (
                  SELECT 1 FROM job_dependencies AS d LEFT JOIN jobs AS p ON p.id = d.depends_on
                  WHERE d.job_id = j.id AND p.status <> 'completed')
            ORDER BY j.created_seq
            LIMIT $max_jobs)
        RETURNING {JobRows.Columns}, created_seq
        """;

    private static readonly int SeqOrdinal = JobRows.Columns.Split(',').Length;

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
        var now = SqliteValues.Truncate(_claim.Now);
        var claimed = new List<(long Seq, JobRecord Job)>(Math.Min(_claim.MaxJobs, 256));
        using (var rows = context.WriteReturning(context.Command(ClaimOldest)
                   .Bind("$types", _types)
                   .Bind("$max_jobs", _claim.MaxJobs)
                   .Bind("$started_at", SqliteValues.ToUnixMs(now))
                   .Bind("$node_id", _claim.NodeId)
                   .Bind("$lease_expires_at", SqliteValues.ToUnixMs(_claim.LeaseUntil))))
        {
            while (rows.Read()) claimed.Add((rows.GetInt64(SeqOrdinal), JobRows.Read(rows)));
        }
        claimed.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));

        var jobs = new JobRecord[claimed.Count];
        JsonElement started = default;
        var startedAttempt = 0;
        for (var i = 0; i < jobs.Length; i++)
        {
            var job = claimed[i].Job;
            // Nearly every claim is a first attempt on this node: one payload serves them all.
            if (startedAttempt != job.Attempt)
            {
                started = JobEventData.Started(job.Attempt, _claim.NodeId);
                startedAttempt = job.Attempt;
            }
            context.AppendEvent(job.Id, JobEventTypes.Started, now, started);
            jobs[i] = job;
        }
        Result = jobs;
    }
}

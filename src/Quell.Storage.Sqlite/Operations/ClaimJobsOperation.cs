using System.Globalization;
using System.Text;
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
/// <remarks>
/// A select of the rows and then one update of exactly those rows, in the writer's transaction. It was one
/// <c>UPDATE … WHERE created_seq IN (SELECT …) RETURNING …</c>, but SQLite runs RETURNING through an ephemeral
/// table, which cost a claim 100–130 µs more than select-then-update (measured 2026-12-07 on 40,000 pending
/// rows, claims of 16): the claim was the writer's largest single cost. Nothing can change the rows between the
/// two statements, since this connection is the only writer.
/// </remarks>
internal sealed class ClaimJobsOperation : WriteOperation<IReadOnlyList<JobRecord>>
{
    // A dependency counts once it completed. One that is missing was purged by retention: the runtime checks that
    // dependencies exist at submission, and a dependency that failed or was cancelled already cancelled its pending
    // dependents, so a purged one had completed and must not block them forever. depends_on (the row's copy of its
    // dependencies) is NULL for a job without any, which spares most rows the lookup.
    private const string SelectOldest = $"""
        SELECT {JobRows.Columns}, j.created_seq FROM jobs AS j
        WHERE j.status = 'pending'
          AND j.type IN (SELECT value FROM json_each($types))
          AND (j.depends_on IS NULL OR NOT EXISTS (
              SELECT 1 FROM job_dependencies AS d LEFT JOIN jobs AS p ON p.id = d.depends_on
              WHERE d.job_id = j.id AND p.status <> 'completed'))
        ORDER BY j.created_seq
        LIMIT $max_jobs
        """;

    // The same assignments the returned records get in Claimed below.
    private const string MarkRangeClaimed = """
        UPDATE jobs SET status = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, $started_at),
                        lease_owner = $node_id, lease_expires_at = $lease_expires_at
        WHERE created_seq BETWEEN $first AND $last
        """;

    private const string MarkListClaimed = """
        UPDATE jobs SET status = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, $started_at),
                        lease_owner = $node_id, lease_expires_at = $lease_expires_at
        WHERE created_seq IN (SELECT value FROM json_each($seqs))
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

    /// <summary>Claims run after the batch's other operations, so finishes in the same batch have freed their slots.</summary>
    public override bool RunsLast => true;

    public override void Execute(WriteContext context)
    {
        var wanted = _claim.JobsWantedNow();
        if (wanted == 0)
        {
            Result = [];
            return;
        }
        var now = SqliteValues.Truncate(_claim.Now);
        var seqs = new List<long>(Math.Min(wanted, 256));
        var jobs = new List<JobRecord>(seqs.Capacity);
        var rows = context.Statement(SelectOldest).Bind("$types", _types).Bind("$max_jobs", wanted);
        try
        {
            while (rows.Read())
            {
                seqs.Add(rows.GetInt64(SeqOrdinal));
                jobs.Add(Claimed(JobRows.Read(rows), now));
            }
        }
        finally
        {
            rows.Reset();
        }
        if (jobs.Count == 0)
        {
            Result = [];
            return;
        }

        MarkClaimed(context, seqs, now);

        JsonElement started = default;
        string? startedText = null;
        var startedAttempt = 0;
        foreach (var job in jobs)
        {
            // Nearly every claim is a first attempt on this node: one payload (and one copy of its text) serves all.
            if (startedAttempt != job.Attempt)
            {
                started = JobEventData.Started(job.Attempt, _claim.NodeId);
                startedText = started.GetRawText();
                startedAttempt = job.Attempt;
            }
            context.AppendEvent(job.Id, JobEventTypes.Started, now, started, startedText);
        }
        Result = jobs;
    }

    private static JobRecord Claimed(JobRecord pending, DateTimeOffset now) => pending with
    {
        Status = JobStatus.Running,
        Attempt = pending.Attempt + 1,
        StartedAt = pending.StartedAt ?? now,
    };

    private void MarkClaimed(WriteContext context, List<long> seqs, DateTimeOffset now)
    {
        // Rows are selected in created_seq order, so when there are no gaps the range is exactly them: the common
        // case of a FIFO queue of one job type, and the cheaper statement.
        var first = seqs[0];
        var last = seqs[^1];
        var command = last - first + 1 == seqs.Count
            ? context.Statement(MarkRangeClaimed).Bind("$first", first).Bind("$last", last)
            : context.Statement(MarkListClaimed).Bind("$seqs", JsonArray(seqs));
        var changed = context.Write(command
            .Bind("$started_at", SqliteValues.ToUnixMs(now))
            .Bind("$node_id", _claim.NodeId)
            .Bind("$lease_expires_at", SqliteValues.ToUnixMs(_claim.LeaseUntil)));
        if (changed != seqs.Count)
        {
            throw new InvalidOperationException($"A claim of {seqs.Count} jobs updated {changed} rows.");
        }
    }

    private static string JsonArray(List<long> values)
    {
        var json = new StringBuilder(values.Count * 8).Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }
        return json.Append(']').ToString();
    }
}

using Quell.Cancellation;
using Quell.Serialization;
using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Extends a node's leases and reports durable cancel requests and leases it lost.</summary>
internal sealed class RenewLeasesOperation : WriteOperation<LeaseRenewal>
{
    private const string Renew = """
        UPDATE jobs SET lease_expires_at = $lease_expires_at
        WHERE id = $id AND lease_owner = $node_id AND status IN ('running', 'cancelling')
        RETURNING status, cancellation
        """;

    private readonly string _nodeId;
    private readonly IReadOnlyCollection<string> _jobIds;
    private readonly long _leaseUntil;

    public RenewLeasesOperation(
        string nodeId, IReadOnlyCollection<string> jobIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _nodeId = nodeId;
        _jobIds = jobIds;
        _leaseUntil = SqliteValues.ToUnixMs(leaseUntil);
    }

    public override void Execute(WriteContext context)
    {
        var cancelRequested = new Dictionary<string, CancellationInfo>(StringComparer.Ordinal);
        var lost = new List<string>();
        var command = context.Command(Renew).Bind("$node_id", _nodeId).Bind("$lease_expires_at", _leaseUntil);
        foreach (var jobId in _jobIds)
        {
            using var row = context.WriteReturning(command.Bind("$id", jobId));
            if (!row.Read())
            {
                lost.Add(jobId);
                continue;
            }
            if (row.GetString(0) == "cancelling"
                && SqliteValues.Parse(JobRows.GetStringOrNull(row, 1), QuellJson.Cancellation) is { } cancellation)
            {
                cancelRequested[jobId] = cancellation;
            }
        }
        Result = new LeaseRenewal(cancelRequested, lost);
    }
}

using Npgsql;
using NpgsqlTypes;
using Quell.Cancellation;
using Quell.Serialization;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Extends a node's leases and reports durable cancel requests and leases it lost, in one statement.</summary>
internal sealed class RenewLeasesOperation : PipelinedWriteOperation<LeaseRenewal>
{
    private const string Renew = """
        UPDATE jobs SET lease_expires_at = @lease_expires_at
        WHERE id = ANY(@ids) AND lease_owner = @node_id AND status IN ('running', 'cancelling')
        RETURNING id, status, cancellation
        """;

    private readonly string _nodeId;
    private readonly string[] _jobIds;
    private readonly DateTime _leaseUntil;

    public RenewLeasesOperation(
        string nodeId, IReadOnlyCollection<string> jobIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _nodeId = nodeId;
        _jobIds = [.. jobIds];
        _leaseUntil = PostgresValues.ToDb(leaseUntil);
    }

    public override void AddCommands(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(Renew);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text, _jobIds);
        command.Parameters.AddWithValue("node_id", _nodeId);
        command.Parameters.AddWithValue("lease_expires_at", _leaseUntil);
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        var cancelRequested = new Dictionary<string, CancellationInfo>(StringComparer.Ordinal);
        var held = new HashSet<string>(StringComparer.Ordinal);
        var rows = await results.NextAsync().ConfigureAwait(false);
        while (await rows.ReadAsync().ConfigureAwait(false))
        {
            var id = rows.GetString(0);
            held.Add(id);
            if (rows.GetString(1) == "cancelling"
                && PostgresValues.Parse(PostgresValues.ReadStringOrNull(rows, 2), QuellJson.Cancellation) is { } cancellation)
            {
                cancelRequested[id] = cancellation;
            }
        }
        if (held.Count > 0) context.NoteWrite();
        Result = new LeaseRenewal(cancelRequested, [.. _jobIds.Where(id => !held.Contains(id))]);
    }
}

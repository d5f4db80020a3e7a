using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Puts a running job whose lease expired, and that nobody asked to cancel, back in the queue.</summary>
internal sealed class RequeueJobOperation : WriteOperation<bool>
{
    private const string Requeue = """
        UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL
        WHERE id = @id AND status = 'running'
        """;

    private readonly string _jobId;
    private readonly string _reason;
    private readonly DateTimeOffset _time;

    public RequeueJobOperation(string jobId, string reason, DateTimeOffset time, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _jobId = jobId;
        _reason = reason;
        _time = time;
    }

    public override async Task ExecuteAsync(WriteContext context)
    {
        Result = false;
        if (await JobLookup.FindStateAsync(context, _jobId).ConfigureAwait(false) is not { } state
            || state.Status != JobStatus.Running
            || state.Cancellation is not null
            || state.LeaseExpiresAt is not { } leaseExpiresAt
            || leaseExpiresAt >= PostgresValues.Truncate(_time))
        {
            return;
        }
        var command = context.Command(Requeue);
        command.Parameters.AddWithValue("id", _jobId);
        await context.WriteAsync(command).ConfigureAwait(false);
        context.AppendEvent(_jobId, JobEventTypes.Requeued, _time, JobEventData.Requeued(state.Attempt, _reason));
        Result = true;
    }
}

using NpgsqlTypes;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Makes a cancel request durable: pending → cancelled, running → cancelling; reports the rest.</summary>
internal sealed class RequestCancelOperation : WriteOperation<CancelOutcome>
{
    private const string Update = """
        UPDATE jobs SET status = @status, cancellation = @cancellation, finished_at = @finished_at
        WHERE id = @id
        """;

    private readonly string _jobId;
    private readonly CancellationInfo _cancellation;
    private readonly string _cancellationJson;

    public RequestCancelOperation(string jobId, CancellationInfo cancellation, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _jobId = jobId;
        _cancellation = cancellation;
        _cancellationJson = System.Text.Json.JsonSerializer.Serialize(cancellation, QuellJson.Cancellation);
    }

    public override async Task ExecuteAsync(WriteContext context)
    {
        var job = await JobLookup.FindAsync(context, _jobId).ConfigureAwait(false);
        Result = job switch
        {
            null => new CancelOutcome(CancelOutcomeKind.NotFound, null),
            { Status: JobStatus.Pending } => await CancelPendingAsync(context, job).ConfigureAwait(false),
            { Status: JobStatus.Running } => await StartCancellingAsync(context, job).ConfigureAwait(false),
            { Status: JobStatus.Cancelling } => new CancelOutcome(CancelOutcomeKind.AlreadyRequested, job),
            _ => new CancelOutcome(CancelOutcomeKind.AlreadyFinished, job),
        };
    }

    private async Task<CancelOutcome> CancelPendingAsync(WriteContext context, JobRecord job)
    {
        var time = _cancellation.RequestedAt;
        await SetStateAsync(context, JobStatus.Cancelled, time).ConfigureAwait(false);
        var data = JobEventData.Cancellation(_cancellation);
        context.AppendEvent(_jobId, JobEventTypes.CancelRequested, time, data);
        context.AppendEvent(_jobId, JobEventTypes.Cancelled, time, data);
        return new CancelOutcome(CancelOutcomeKind.CancelledWhilePending, job with
        {
            Status = JobStatus.Cancelled,
            Cancellation = _cancellation,
            FinishedAt = PostgresValues.Truncate(time),
        });
    }

    private async Task<CancelOutcome> StartCancellingAsync(WriteContext context, JobRecord job)
    {
        var time = _cancellation.RequestedAt;
        await SetStateAsync(context, JobStatus.Cancelling, finishedAt: null).ConfigureAwait(false);
        var data = JobEventData.Cancellation(_cancellation);
        context.AppendEvent(_jobId, JobEventTypes.CancelRequested, time, data);
        context.AppendEvent(_jobId, JobEventTypes.Cancelling, time, data);
        return new CancelOutcome(CancelOutcomeKind.Cancelling, job with
        {
            Status = JobStatus.Cancelling,
            Cancellation = _cancellation,
        });
    }

    private Task<int> SetStateAsync(WriteContext context, JobStatus status, DateTimeOffset? finishedAt)
    {
        var command = context.Command(Update);
        command.Parameters.AddWithValue("id", _jobId);
        command.Parameters.AddWithValue("status", status.ToWireName());
        command.Parameters.Add(PostgresValues.Json("cancellation", _cancellationJson));
        command.Parameters.AddWithValue("finished_at", NpgsqlDbType.TimestampTz, PostgresValues.ToDb(finishedAt));
        return context.WriteAsync(command);
    }
}

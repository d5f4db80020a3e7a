using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Makes a cancel request durable: pending → cancelled, running → cancelling; reports the rest.</summary>
internal sealed class RequestCancelOperation : WriteOperation<CancelOutcome>
{
    private const string Update = """
        UPDATE jobs SET status = $status, cancellation = $cancellation, finished_at = $finished_at
        WHERE id = $id
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

    public override void Execute(WriteContext context)
    {
        var job = JobLookup.Find(context, _jobId);
        Result = job switch
        {
            null => new CancelOutcome(CancelOutcomeKind.NotFound, null),
            { Status: JobStatus.Pending } => CancelPending(context, job),
            { Status: JobStatus.Running } => StartCancelling(context, job),
            { Status: JobStatus.Cancelling } => new CancelOutcome(CancelOutcomeKind.AlreadyRequested, job),
            _ => new CancelOutcome(CancelOutcomeKind.AlreadyFinished, job),
        };
    }

    private CancelOutcome CancelPending(WriteContext context, JobRecord job)
    {
        var time = _cancellation.RequestedAt;
        var finishedAt = SqliteValues.ToUnixMs(time);
        SetState(context, JobStatus.Cancelled, finishedAt);
        var data = JobEventData.Cancellation(_cancellation);
        context.AppendEvent(_jobId, JobEventTypes.CancelRequested, time, data);
        context.AppendEvent(_jobId, JobEventTypes.Cancelled, time, data);
        return new CancelOutcome(CancelOutcomeKind.CancelledWhilePending, job with
        {
            Status = JobStatus.Cancelled,
            Cancellation = _cancellation,
            FinishedAt = SqliteValues.FromUnixMs(finishedAt),
        });
    }

    private CancelOutcome StartCancelling(WriteContext context, JobRecord job)
    {
        var time = _cancellation.RequestedAt;
        SetState(context, JobStatus.Cancelling, finishedAt: null);
        var data = JobEventData.Cancellation(_cancellation);
        context.AppendEvent(_jobId, JobEventTypes.CancelRequested, time, data);
        context.AppendEvent(_jobId, JobEventTypes.Cancelling, time, data);
        return new CancelOutcome(CancelOutcomeKind.Cancelling, job with
        {
            Status = JobStatus.Cancelling,
            Cancellation = _cancellation,
        });
    }

    private void SetState(WriteContext context, JobStatus status, long? finishedAt) =>
        context.Write(context.Command(Update)
            .Bind("$id", _jobId)
            .Bind("$status", status.ToWireName())
            .Bind("$cancellation", _cancellationJson)
            .Bind("$finished_at", SqliteValues.ToDb(finishedAt)));
}

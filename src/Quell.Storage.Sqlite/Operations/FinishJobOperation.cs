using System.Text.Json;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Sqlite.Reading;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>The one terminal transition of a job: conditional, so a second finisher changes nothing.</summary>
internal sealed class FinishJobOperation : WriteOperation<bool>
{
    // A select by id, then an update by rowid: cheaper than one UPDATE … RETURNING, which SQLite stages in an
    // ephemeral table (measured 2026-12-07, 2–3 µs a finish of the writer's ~40 µs per job).
    private const string SelectUnfinished =
        $"SELECT created_seq, cancellation FROM jobs WHERE id = $id AND status NOT IN {JobRows.TerminalStatuses}";

    private const string Finish = """
        UPDATE jobs SET status = $status, finished_at = $finished_at, result = $result, error = $error,
                        partial_results = COALESCE($partial_results, partial_results),
                        progress = COALESCE($progress, progress),
                        lease_owner = NULL, lease_expires_at = NULL
        WHERE created_seq = $seq
        """;

    private const string DefaultError = "The job failed.";

    private readonly JobFinish _finish;
    private readonly object _result;
    private readonly object _partial;
    private readonly object _progress;
    private readonly string? _error;
    // Event payloads that need nothing from the database are built here, on the caller's thread: the single
    // writer is the bottleneck of a flood of short jobs. A cancelled one needs the stored request (Execute).
    private readonly EventData? _progressEvent;
    private readonly EventData? _terminalEvent;

    public FinishJobOperation(JobFinish finish, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _finish = finish;
        _result = finish.Status == JobStatus.Completed ? SqliteValues.ToDb(finish.Result) : DBNull.Value;
        // Most jobs report no items: a completed one's "complete and empty" is not stored but told by the reader
        // (SqliteJobReader.GetPartialResultsAsync), which keeps 75 bytes out of nearly every finished row.
        _partial = finish.Partial is { IsCompleteEmpty: true } && finish.Status == JobStatus.Completed
            ? DBNull.Value
            : SqliteValues.ToDb(finish.Partial, QuellJson.PartialResults);
        _progress = SqliteValues.ToDb(finish.Progress, QuellJson.Progress);
        _error = finish.Status == JobStatus.Failed ? finish.Error ?? DefaultError : finish.Error;
        if (finish.Progress is { } progress) _progressEvent = new EventData(JobEventTypes.Progress, JobEventData.Progress(progress));
        _terminalEvent = finish.Status switch
        {
            JobStatus.Completed => new EventData(JobEventTypes.Completed, JobEventData.Completed(finish.Result, finish.Partial)),
            JobStatus.Failed => new EventData(JobEventTypes.Failed, JobEventData.Failed(_error!, finish.Partial)),
            _ => null,
        };
    }

    public override void Execute(WriteContext context)
    {
        Result = false;
        long seq;
        string? cancellationJson;
        var row = context.Statement(SelectUnfinished).Bind("$id", _finish.JobId);
        try
        {
            if (!row.Read()) return; // unknown or already terminal: the first finisher won
            seq = row.GetInt64(0);
            cancellationJson = row.GetStringOrNull(1);
        }
        finally
        {
            row.Reset();
        }
        if (_finish.Status == JobStatus.Cancelled && cancellationJson is null)
        {
            throw new InvalidOperationException(
                $"Job '{_finish.JobId}' cannot finish as cancelled: no cancel was requested. " +
                "Request the cancel first (RequestCancelAsync) or finish it as failed.");
        }
        context.Write(context.Statement(Finish)
            .Bind("$seq", seq)
            .Bind("$status", _finish.Status.ToWireName())
            .Bind("$finished_at", SqliteValues.ToUnixMs(_finish.Time))
            .Bind("$result", _result)
            .Bind("$error", _error)
            .Bind("$partial_results", _partial)
            .Bind("$progress", _progress));
        var cancellation = SqliteValues.Parse(cancellationJson, QuellJson.Cancellation);
        if (_progressEvent is { } progressEvent)
        {
            progressEvent.AppendTo(context, _finish);
        }

        // A job that was not terminal and had a durable cancel request was cancelling (a pending one is cancelled
        // at request time), so a completed or failed finish means the job won the race: say so first.
        if (cancellation is not null && _finish.Status != JobStatus.Cancelled)
        {
            var message = _finish.Status == JobStatus.Completed ? "Job already completed" : "Job already failed";
            context.AppendEvent(_finish.JobId, JobEventTypes.CancelFailed, _finish.Time,
                JobEventData.CancelFailed(message, cancellation));
        }
        AppendTerminalEvent(context, cancellation);
        Result = true;
    }

    private void AppendTerminalEvent(WriteContext context, CancellationInfo? cancellation)
    {
        if (_terminalEvent is { } terminal)
        {
            terminal.AppendTo(context, _finish);
            return;
        }
        context.AppendEvent(_finish.JobId, JobEventTypes.Cancelled, _finish.Time,
            JobEventData.Cancellation(cancellation!, _finish.StoppedAtCheckpoint, _finish.Partial));
    }

    /// <summary>An event of the finish, its payload and text made once.</summary>
    private sealed record EventData(string Type, JsonElement Element)
    {
        private readonly string _raw = Element.GetRawText();

        public void AppendTo(WriteContext context, JobFinish finish) =>
            context.AppendEvent(finish.JobId, Type, finish.Time, Element, _raw);
    }
}

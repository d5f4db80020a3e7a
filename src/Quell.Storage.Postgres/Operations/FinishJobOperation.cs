using Npgsql;
using NpgsqlTypes;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Postgres.Reading;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>The one terminal transition of a job: conditional, so a second finisher changes nothing.</summary>
internal sealed class FinishJobOperation : PipelinedWriteOperation<bool>
{
    // One statement: the conditional update returns (true, the cancel request it kept); when it changed nothing, a
    // job still running that nobody asked to cancel returns (false, null) for a cancelled finish, which is refused.
    // (The outer SELECT reads the row as it was before the update, which then changed nothing.)
    private const string Finish = $"""
        WITH finished AS (
            UPDATE jobs SET status = @status, finished_at = @finished_at, result = @result, error = @error,
                            partial_results = COALESCE(@partial_results, partial_results),
                            progress = COALESCE(@progress, progress),
                            lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND status NOT IN {JobRows.TerminalStatuses}
              AND (@status <> 'cancelled' OR cancellation IS NOT NULL)
            RETURNING cancellation)
        SELECT true, cancellation FROM finished
        UNION ALL
        SELECT false, NULL FROM jobs
        WHERE @status = 'cancelled' AND id = @id AND status NOT IN {JobRows.TerminalStatuses} AND cancellation IS NULL
          AND NOT EXISTS (SELECT 1 FROM finished)
        """;

    private const string DefaultError = "The job failed.";

    private readonly JobFinish _finish;
    private readonly string? _result;
    private readonly string? _partial;
    private readonly string? _progress;
    private readonly string? _error;

    public FinishJobOperation(JobFinish finish, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _finish = finish;
        _result = finish.Status == JobStatus.Completed ? PostgresValues.ToJson(finish.Result) : null;
        _partial = PostgresValues.ToJson(finish.Partial, QuellJson.PartialResults);
        _progress = PostgresValues.ToJson(finish.Progress, QuellJson.Progress);
        _error = finish.Status == JobStatus.Failed ? finish.Error ?? DefaultError : finish.Error;
    }

    public override void AddCommands(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(Finish);
        command.Parameters.AddWithValue("id", _finish.JobId);
        command.Parameters.AddWithValue("status", NpgsqlDbType.Text, _finish.Status.ToWireName());
        command.Parameters.AddWithValue("finished_at", PostgresValues.ToDb(_finish.Time));
        command.Parameters.Add(PostgresValues.Json("result", _result));
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, PostgresValues.ToDb(_error));
        command.Parameters.Add(PostgresValues.Json("partial_results", _partial));
        command.Parameters.Add(PostgresValues.Json("progress", _progress));
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        Result = false;
        var row = await results.NextAsync().ConfigureAwait(false);
        if (!await row.ReadAsync().ConfigureAwait(false)) return; // unknown or already terminal: the first finisher won
        if (!row.GetBoolean(0))
        {
            throw new InvalidOperationException(
                $"Job '{_finish.JobId}' cannot finish as cancelled: no cancel was requested. " +
                "Request the cancel first (RequestCancelAsync) or finish it as failed.");
        }
        var cancellationJson = PostgresValues.ReadStringOrNull(row, 1);
        context.NoteWrite();
        var cancellation = PostgresValues.Parse(cancellationJson, QuellJson.Cancellation);
        if (_finish.Progress is { } progress)
        {
            context.AppendEvent(_finish.JobId, JobEventTypes.Progress, _finish.Time, JobEventData.Progress(progress));
        }

        // A job that was not terminal and had a durable cancel request was cancelling (a pending one is cancelled
        // at request time), so a completed or failed finish means the job won the race: say so first.
        if (cancellation is not null && _finish.Status != JobStatus.Cancelled)
        {
            var message = _finish.Status == JobStatus.Completed ? "Job already completed" : "Job already failed";
            context.AppendEvent(_finish.JobId, JobEventTypes.CancelFailed, _finish.Time,
                JobEventData.CancelFailed(message, cancellation));
        }
        AppendTerminalEvent(context, cancellation, _error);
        Result = true;
    }

    private void AppendTerminalEvent(WriteContext context, CancellationInfo? cancellation, string? error)
    {
        var (type, data) = _finish.Status switch
        {
            JobStatus.Completed => (JobEventTypes.Completed, JobEventData.Completed(_finish.Result, _finish.Partial)),
            JobStatus.Failed => (JobEventTypes.Failed, JobEventData.Failed(error!, _finish.Partial)),
            _ => (JobEventTypes.Cancelled,
                JobEventData.Cancellation(cancellation!, _finish.StoppedAtCheckpoint, _finish.Partial)),
        };
        context.AppendEvent(_finish.JobId, type, _finish.Time, data);
    }
}

using System.Text.Json;
using Npgsql;
using Quell.Events;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>
/// Replaces one JSON column of a job (progress, partial results) and appends the event that announces it.
/// A job that no longer exists is ignored.
/// </summary>
internal sealed class SaveJobDocumentOperation : PipelinedWriteOperation<bool>
{
    private readonly string _update;
    private readonly string _jobId;
    private readonly string _document;
    private readonly string _eventType;
    private readonly DateTimeOffset _time;
    private readonly JsonElement _data;

    private SaveJobDocumentOperation(
        string update, string jobId, string document, string eventType, DateTimeOffset time, JsonElement data,
        CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _update = update;
        _jobId = jobId;
        _document = document;
        _eventType = eventType;
        _time = time;
        _data = data;
    }

    public static SaveJobDocumentOperation Progress(
        string jobId, string document, DateTimeOffset time, JsonElement data, CancellationToken cancellationToken) =>
        new("UPDATE jobs SET progress = @document WHERE id = @id RETURNING 1", jobId, document,
            JobEventTypes.Progress, time, data, cancellationToken);

    public static SaveJobDocumentOperation PartialResults(
        string jobId, string document, DateTimeOffset time, JsonElement data, CancellationToken cancellationToken) =>
        new("UPDATE jobs SET partial_results = @document WHERE id = @id RETURNING 1", jobId, document,
            JobEventTypes.Partial, time, data, cancellationToken);

    public override void AddCommands(NpgsqlBatch batch)
    {
        var command = new NpgsqlBatchCommand(_update);
        command.Parameters.AddWithValue("id", _jobId);
        command.Parameters.Add(PostgresValues.Json("document", _document));
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        var rows = await results.NextAsync().ConfigureAwait(false);
        var changed = await rows.ReadAsync().ConfigureAwait(false);
        if (changed)
        {
            context.NoteWrite();
            context.AppendEvent(_jobId, _eventType, _time, _data);
        }
        Result = changed;
    }
}

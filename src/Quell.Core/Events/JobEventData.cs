using System.Text.Json;
using Quell.Cancellation;
using Quell.Progress;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage;

namespace Quell.Events;

/// <summary>Builds the <c>data</c> of each event type, so that every store writes the same schema.</summary>
public static class JobEventData
{
    private static QuellJsonContext Json => QuellJsonContext.Default;

    /// <summary><c>job.created</c>.</summary>
    public static JsonElement Created(NewJob job) => JsonSerializer.SerializeToElement(
        new CreatedPayload(job.Type, job.Owner, job.Input, job.TimeoutSeconds, job.DependsOn.Count == 0 ? null : job.DependsOn, job.ParentId),
        Json.CreatedPayload);

    /// <summary><c>job.started</c>.</summary>
    public static JsonElement Started(int attempt, string nodeId) =>
        JsonSerializer.SerializeToElement(new StartedPayload(attempt, nodeId), Json.StartedPayload);

    /// <summary><c>job.progress</c>.</summary>
    public static JsonElement Progress(JobProgress progress) => JsonSerializer.SerializeToElement(
        new ProgressPayload(progress.Current, progress.Total, progress.Percent, progress.Message), Json.ProgressPayload);

    /// <summary><c>job.checkpoint</c>.</summary>
    public static JsonElement Checkpoint(string name) =>
        JsonSerializer.SerializeToElement(new CheckpointPayload(name), Json.CheckpointPayload);

    /// <summary><c>job.partial</c>: counts only; the results themselves are read from the partial-results route.</summary>
    public static JsonElement Partial(PartialResults partial) =>
        JsonSerializer.SerializeToElement(Summarize(partial), Json.PartialPayload);

    /// <summary><c>job.log</c>.</summary>
    public static JsonElement Log(string level, string message, string? exception = null) =>
        JsonSerializer.SerializeToElement(new LogPayload(level, message, exception), Json.LogPayload);

    /// <summary><c>job.cancel.requested</c>, <c>job.cancelling</c>, and (with checkpoint and partial) <c>job.cancelled</c>.</summary>
    public static JsonElement Cancellation(CancellationInfo info, string? checkpoint = null, PartialResults? partial = null) =>
        JsonSerializer.SerializeToElement(
            new CancellationPayload(info.Reason, info.Message, info.RequestedBy, info.RequestedAt, checkpoint,
                partial is null ? null : Summarize(partial)),
            Json.CancellationPayload);

    /// <summary><c>job.cancel.failed</c>, such as "Job already completed".</summary>
    public static JsonElement CancelFailed(string error, CancellationInfo? request) => JsonSerializer.SerializeToElement(
        new CancelFailedPayload(error, request?.Reason, request?.Message, request?.RequestedBy), Json.CancelFailedPayload);

    /// <summary><c>job.completed</c>.</summary>
    public static JsonElement Completed(JsonElement? result, PartialResults? partial) => JsonSerializer.SerializeToElement(
        new CompletedPayload(result, partial is null ? null : Summarize(partial)), Json.CompletedPayload);

    /// <summary><c>job.failed</c>.</summary>
    public static JsonElement Failed(string error, PartialResults? partial) => JsonSerializer.SerializeToElement(
        new FailedPayload(error, partial is null ? null : Summarize(partial)), Json.FailedPayload);

    /// <summary><c>job.requeued</c>.</summary>
    public static JsonElement Requeued(int attempt, string reason) =>
        JsonSerializer.SerializeToElement(new RequeuedPayload(attempt, reason), Json.RequeuedPayload);

    private static PartialPayload Summarize(PartialResults p) =>
        new(p.Status, p.CompletedItems, p.TotalItems, p.Results.Count, p.FailedItems.Count, p.CancelledAtItem);
}

using System.Text.Json;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Progress;

namespace Quell.Server.Jobs;

/// <summary>A job as the API shows it. The owner and input stay server-side.</summary>
public sealed record JobDto(
    string Id,
    string Type,
    JobStatus Status,
    JobProgress? Progress,
    CancellationInfo? Cancellation,
    JsonElement? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? TimeoutSeconds,
    IReadOnlyList<string> DependsOn,
    int Attempt,
    string? ParentId = null)
{
    /// <summary>The document for a job.</summary>
    public static JobDto From(JobRecord job) => new(
        job.Id, job.Type, job.Status, job.Progress, job.Cancellation, job.Result, job.Error,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.TimeoutSeconds, job.DependsOn, job.Attempt, job.ParentId);
}

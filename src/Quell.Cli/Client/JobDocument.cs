using System.Text.Json;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Progress;

namespace Quell.Cli.Client;

/// <summary>A job as the HTTP API shows it (<c>GET /api/jobs/{id}</c>); the CLI writes the same shape for <c>--data</c>.</summary>
internal sealed record JobDocument(
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
    int Attempt)
{
    public static JobDocument From(JobRecord job) => new(
        job.Id, job.Type, job.Status, job.Progress, job.Cancellation, job.Result, job.Error,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.TimeoutSeconds, job.DependsOn, job.Attempt);
}

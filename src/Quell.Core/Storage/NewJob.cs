using System.Text.Json;

namespace Quell.Storage;

/// <summary>A job to insert as <c>pending</c>, with its <c>job.created</c> event.</summary>
public sealed record NewJob(
    string Id,
    string Type,
    string Owner,
    JsonElement Input,
    int? TimeoutSeconds,
    IReadOnlyList<string> DependsOn,
    DateTimeOffset CreatedAt,
    string? ParentId = null);

using Quell.Jobs;

namespace Quell.Storage;

/// <summary>A filtered page of jobs, newest first.</summary>
public sealed record JobQuery(
    string? Owner = null,
    JobStatus? Status = null,
    string? Type = null,
    int Limit = 50,
    int Offset = 0);

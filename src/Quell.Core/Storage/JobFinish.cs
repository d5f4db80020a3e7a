using System.Text.Json;
using Quell.Jobs;
using Quell.Results;

namespace Quell.Storage;

/// <summary>
/// A conditional move to a terminal state. It succeeds only if the job is not terminal yet, so of two racing
/// finishers exactly one wins. <see cref="Partial"/> replaces the saved partial results when given.
/// </summary>
public sealed record JobFinish(
    string JobId,
    JobStatus Status,
    DateTimeOffset Time,
    JsonElement? Result = null,
    string? Error = null,
    PartialResults? Partial = null,
    string? StoppedAtCheckpoint = null);

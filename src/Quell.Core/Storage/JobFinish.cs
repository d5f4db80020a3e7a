using System.Text.Json;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;

namespace Quell.Storage;

/// <summary>
/// A conditional move to a terminal state. It succeeds only if the job is not terminal yet, so of two racing
/// finishers exactly one wins. <see cref="Partial"/> replaces the saved partial results when given; <see cref="Progress"/>,
/// the job's last progress, is saved (with its <c>job.progress</c> event, before the terminal one) in the same write, so
/// a job's end is one write after it stopped, not two.
/// </summary>
public sealed record JobFinish(
    string JobId,
    JobStatus Status,
    DateTimeOffset Time,
    JsonElement? Result = null,
    string? Error = null,
    PartialResults? Partial = null,
    string? StoppedAtCheckpoint = null,
    JobProgress? Progress = null);

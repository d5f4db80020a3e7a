using System.Text.Json;
using Quell.Cancellation;
using Quell.Progress;

namespace Quell.Jobs;

/// <summary>The current state of a job: a projection of its events.</summary>
public sealed record JobRecord
{
    /// <summary>The job's id.</summary>
    public required string Id { get; init; }

    /// <summary>The registered job type, such as <c>csv.analyze</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Who submitted it; a caller sees and cancels only its own jobs.</summary>
    public required string Owner { get; init; }

    /// <summary>Where it is in the state machine.</summary>
    public required JobStatus Status { get; init; }

    /// <summary>The input as submitted.</summary>
    public JsonElement Input { get; init; }

    /// <summary>The latest persisted progress.</summary>
    public JobProgress? Progress { get; init; }

    /// <summary>The first cancellation request, if any.</summary>
    public CancellationInfo? Cancellation { get; init; }

    /// <summary>The handler's result, once completed.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>Why it failed, once failed.</summary>
    public string? Error { get; init; }

    /// <summary>Seconds the job may run before it is cancelled with <c>timeout</c>.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The job this one works for, if any (see <see cref="JobSubmission.ParentId"/>).</summary>
    public string? ParentId { get; init; }
    /// <summary>Jobs that must complete before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>How many times it was started (more than one after a retry-safe recovery).</summary>
    public int Attempt { get; init; }

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a worker first started it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached its terminal state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}

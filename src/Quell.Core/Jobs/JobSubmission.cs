using System.Text.Json;

namespace Quell.Jobs;

/// <summary>A request to run a job.</summary>
/// <param name="Type">A registered job type.</param>
/// <param name="Input">The input JSON, checked against the type's input at submission.</param>
/// <param name="Owner">Who submits; only this owner sees and cancels the job.</param>
/// <param name="TimeoutSeconds">Cancel with <c>timeout</c> after this many seconds of running.</param>
/// <param name="DependsOn">Jobs that must complete first; if one fails or is cancelled, this one is cancelled with <c>dependency_failed</c>.</param>
/// <param name="Id">
/// The id to give the job instead of a generated one (1–128 letters, digits, <c>.</c>, <c>_</c>, <c>:</c>, <c>-</c>),
/// for callers whose protocol names the work itself, such as an AG-UI <c>runId</c>. Refused if taken.
/// </param>
/// <param name="ParentId">The job this one works for (a workflow run's element, say); same owner only.</param>
public sealed record JobSubmission(
    string Type,
    JsonElement Input,
    string Owner,
    int? TimeoutSeconds = null,
    IReadOnlyList<string>? DependsOn = null,
    string? Id = null,
    string? ParentId = null)
{
    /// <summary>Most submissions one <see cref="IJobService.SubmitManyAsync"/> call takes: one transaction holds the store's writer.</summary>
    public const int MaxBatchCount = 1000;

    /// <summary>Throws <see cref="JobSubmissionException"/> (<see cref="JobSubmissionError.TooManyJobs"/>) for an oversized batch.</summary>
    public static void ThrowIfTooMany(int count)
    {
        if (count > MaxBatchCount)
        {
            throw new JobSubmissionException(JobSubmissionError.TooManyJobs,
                $"A batch takes at most {MaxBatchCount} jobs; this one had {count}. Split it.");
        }
    }
}

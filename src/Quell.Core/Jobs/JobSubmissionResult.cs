namespace Quell.Jobs;

/// <summary>
/// What became of one submission of a batch (<see cref="IJobService.SubmitManyAsync"/>): the stored job, or why it
/// was refused. Exactly one of <see cref="Job"/> and <see cref="Error"/> is set.
/// </summary>
/// <param name="Job">The accepted job, durable before the batch call returned.</param>
/// <param name="Error">The refusal, as <see cref="IJobService.SubmitAsync"/> would have thrown it.</param>
public sealed record JobSubmissionResult(JobRecord? Job, JobSubmissionException? Error)
{
    /// <summary>True when the job was stored.</summary>
    public bool Accepted => Job is not null;
}

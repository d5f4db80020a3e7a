using Quell.Jobs;

namespace Quell.Storage;

/// <summary>The result of <see cref="IJobStore.RequestCancelAsync"/>: what happened, and the job as it is now.</summary>
public sealed record CancelOutcome(CancelOutcomeKind Kind, JobRecord? Job);

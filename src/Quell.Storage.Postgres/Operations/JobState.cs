using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Storage.Postgres.Operations;

/// <summary>The part of a job row that decides a transition.</summary>
internal readonly record struct JobState(
    JobStatus Status, CancellationInfo? Cancellation, int Attempt, DateTimeOffset? LeaseExpiresAt);

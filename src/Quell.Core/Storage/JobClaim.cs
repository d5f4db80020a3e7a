namespace Quell.Storage;

/// <summary>
/// A worker node asking for up to <see cref="MaxJobs"/> pending jobs of the given types whose dependencies have
/// all completed. Claimed jobs move to <c>running</c> under a lease held by <see cref="NodeId"/> until
/// <see cref="LeaseUntil"/>.
/// </summary>
public sealed record JobClaim(
    string NodeId,
    int MaxJobs,
    IReadOnlyCollection<string> JobTypes,
    DateTimeOffset Now,
    DateTimeOffset LeaseUntil)
{
    /// <summary>
    /// How many jobs the worker can take at this moment, asked by a store that queues claims at the moment it runs
    /// the claim: slots freed while the claim waited in the queue are then filled by it instead of by another round
    /// trip. A store may ignore it and take up to <see cref="MaxJobs"/>, which the worker could take when it asked.
    /// </summary>
    public Func<int>? Capacity { get; init; }

    /// <summary>How many jobs to claim now: <see cref="Capacity"/> when there is one, else <see cref="MaxJobs"/>.</summary>
    public int JobsWantedNow() => Capacity is { } capacity ? Math.Max(0, capacity()) : MaxJobs;
}

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
    DateTimeOffset LeaseUntil);

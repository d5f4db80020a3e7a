using Quell.Cancellation;

namespace Quell.Storage;

/// <summary>
/// The answer to a lease renewal. Cancel requests recorded for the renewed jobs come back every time, so a
/// cancel signal that was lost in transit delays a cancel by at most one renewal period but never loses it.
/// </summary>
/// <param name="CancelRequested">Jobs (of those renewed) that have a durable cancel request.</param>
/// <param name="Lost">Jobs whose lease this node no longer holds (finished elsewhere or taken over).</param>
public sealed record LeaseRenewal(
    IReadOnlyDictionary<string, CancellationInfo> CancelRequested,
    IReadOnlyList<string> Lost)
{
    /// <summary>Nothing to report.</summary>
    public static LeaseRenewal None { get; } = new(new Dictionary<string, CancellationInfo>(), []);
}

using Quell.Cancellation;

namespace Quell.Jobs;

/// <summary>A request to cancel a job, from a surface.</summary>
/// <param name="Owner">The caller's owner; a job of another owner is reported as not found. Null for operators.</param>
/// <param name="Reason">Why.</param>
/// <param name="Message">Free text for people.</param>
/// <param name="RequestedBy">Who asked, as recorded in the history (defaults to the owner).</param>
public sealed record CancelRequest(
    string? Owner,
    CancellationReason Reason = CancellationReason.UserRequested,
    string? Message = null,
    string? RequestedBy = null);

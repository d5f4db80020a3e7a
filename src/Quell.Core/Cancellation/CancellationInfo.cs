namespace Quell.Cancellation;

/// <summary>A cancellation request: why, a message for people, who asked and when.</summary>
/// <param name="Reason">Why the job is being cancelled.</param>
/// <param name="Message">Free text from whoever asked ("wrong file").</param>
/// <param name="RequestedBy">The owner, key or component that asked (<c>system</c> for the runtime).</param>
/// <param name="RequestedAt">When the request was accepted.</param>
public sealed record CancellationInfo(
    CancellationReason Reason,
    string? Message,
    string? RequestedBy,
    DateTimeOffset RequestedAt);

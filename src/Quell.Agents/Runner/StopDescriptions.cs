using Quell.Cancellation;

namespace Quell.Agents.Runner;

/// <summary>The sentences of a partial result: who stopped the task, in the seed's words.</summary>
internal static class StopDescriptions
{
    public static string Subject(CancellationReason? reason) => reason switch
    {
        CancellationReason.UserRequested => "User cancelled",
        CancellationReason.Timeout => "Timed out",
        CancellationReason.SystemShutdown => "Server shutting down",
        CancellationReason.ResourceLimit => "Token budget exceeded",
        CancellationReason.DependencyFailed => "A dependency failed",
        _ => "Cancelled",
    };

    public static string Analysis(CancellationReason? reason) => reason switch
    {
        CancellationReason.UserRequested => "Analysis partially completed (cancelled by user)",
        CancellationReason.Timeout => "Analysis partially completed (timed out)",
        CancellationReason.SystemShutdown => "Analysis partially completed (server shutting down)",
        CancellationReason.ResourceLimit => "Analysis partially completed (token budget exceeded)",
        CancellationReason.DependencyFailed => "Analysis partially completed (a dependency failed)",
        _ => "Analysis partially completed (cancelled)",
    };
}

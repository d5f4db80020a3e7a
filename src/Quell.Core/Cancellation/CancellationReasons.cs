namespace Quell.Cancellation;

/// <summary>Conversions between <see cref="CancellationReason"/> and the snake_case names users type.</summary>
public static class CancellationReasons
{
    /// <summary>The wire name, such as <c>user_requested</c>.</summary>
    public static string ToWireName(this CancellationReason reason) => reason switch
    {
        CancellationReason.UserRequested => "user_requested",
        CancellationReason.Timeout => "timeout",
        CancellationReason.SystemShutdown => "system_shutdown",
        CancellationReason.ResourceLimit => "resource_limit",
        CancellationReason.DependencyFailed => "dependency_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Every wire name, for error messages.</summary>
    public static IReadOnlyList<string> WireNames { get; } =
        Enum.GetValues<CancellationReason>().Select(r => r.ToWireName()).ToArray();

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? value, out CancellationReason reason)
    {
        foreach (var candidate in Enum.GetValues<CancellationReason>())
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }
        reason = default;
        return false;
    }
}

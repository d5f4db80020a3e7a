namespace Quell.Mcp.Client;

/// <summary>The timeouts of one tool call started by <see cref="McpOperationManager"/>.</summary>
public sealed record McpOperationOptions
{
    /// <summary>
    /// Cancel the call (reason <c>timeout</c>) when no progress notification arrived for this long; each progress
    /// notification re-arms it. Null for none.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Cancel the call (reason <c>timeout</c>) when it has run this long, progress or not. Null for none.</summary>
    public TimeSpan? MaxDuration { get; init; }

    internal void Validate()
    {
        if (IdleTimeout is { } idle) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        if (MaxDuration is { } max) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(max, TimeSpan.Zero, nameof(MaxDuration));
    }
}

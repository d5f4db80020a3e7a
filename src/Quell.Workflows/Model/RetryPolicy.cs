namespace Quell.Workflows.Model;

/// <summary>Retries of a failed model call: the first waits <see cref="InitialDelay"/>, each next one <see cref="Multiplier"/> times longer.</summary>
/// <param name="Max">How many retries after the first attempt (0 = none).</param>
/// <param name="InitialDelay">The wait before the first retry.</param>
/// <param name="Multiplier">The factor between consecutive waits (at least 1).</param>
public sealed record RetryPolicy(int Max, TimeSpan InitialDelay, double Multiplier)
{
    /// <summary>Two retries, 1 s then 2 s.</summary>
    public static RetryPolicy Default { get; } = new(2, TimeSpan.FromSeconds(1), 2);
}

namespace Quell.Agents.Runner;

/// <summary>Retries of a model call that failed with HTTP 429 or 5xx before it streamed anything.</summary>
public sealed record AgentRetryOptions
{
    /// <summary>Retries after the first attempt. Default 3; 0 disables retries.</summary>
    public int Max { get; init; } = 3;

    /// <summary>The pause before the first retry. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each further pause is the previous one times this. Default 2.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>The pause before retry number <paramref name="retry"/> (from 1).</summary>
    public TimeSpan DelayBefore(int retry) => InitialDelay * Math.Pow(Multiplier, retry - 1);

    /// <summary>Problems with the options, each a sentence a user can act on; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Max < 0) problems.Add("retry.max must be 0 or more.");
        if (InitialDelay < TimeSpan.Zero) problems.Add("retry.initialDelay must not be negative.");
        if (!(Multiplier >= 1) || double.IsInfinity(Multiplier)) problems.Add("retry.multiplier must be a number of at least 1.");
        return problems;
    }
}

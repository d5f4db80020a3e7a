namespace Quell.Progress;

/// <summary>The latest progress a job reported.</summary>
/// <param name="Current">Units done so far (bytes, rows, items).</param>
/// <param name="Total">Units in all, when known.</param>
/// <param name="Message">What the job is doing now.</param>
public sealed record JobProgress(long Current, long? Total, string? Message)
{
    /// <summary>0–100, rounded to one decimal, when <see cref="Total"/> is known and positive.</summary>
    public double? Percent => Total is > 0 ? Math.Round(Math.Clamp(Current * 100.0 / Total.Value, 0, 100), 1) : null;
}

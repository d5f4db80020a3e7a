using System.Globalization;
using Quell.Cli.Rendering;

namespace Quell.Cli.Analysis;

/// <summary>What the progress display shows at one moment.</summary>
internal sealed record ProgressSnapshot(long Bytes, long? TotalBytes, long Rows, string? File, TimeSpan Elapsed, bool Cancelling)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0.2 ? Rows / Elapsed.TotalSeconds : 0;

    public double? Percent => TotalBytes is > 0 ? Math.Clamp(Bytes * 100.0 / TotalBytes.Value, 0, 100) : null;

    /// <summary>Remaining time at the average speed so far; null until there is a speed to go by.</summary>
    public TimeSpan? Remaining => TotalBytes is > 0 && Bytes > 0 && Elapsed.TotalSeconds > 0.5
        ? TimeSpan.FromSeconds((TotalBytes.Value - Bytes) * Elapsed.TotalSeconds / Bytes)
        : null;

    /// <summary>"big.csv: 1,234,567 rows, 456,789 rows/s".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{File ?? "starting"}: {Formats.Count(Rows)} rows, {Formats.Count((long)RowsPerSecond)} rows/s");

    /// <summary>One line for non-interactive output.</summary>
    public string ToLine()
    {
        var percent = Percent is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p,5:0.0}%") : "     ?";
        var size = TotalBytes is { } total ? $"{Formats.Bytes(Bytes)} / {Formats.Bytes(total)}" : Formats.Bytes(Bytes);
        var eta = Remaining is { } remaining ? $", ETA {Formats.Duration(remaining)}" : "";
        var state = Cancelling ? " [cancelling]" : "";
        return $"progress {percent} {size}, {Describe()}{eta}{state}";
    }
}

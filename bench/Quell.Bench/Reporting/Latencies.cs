using System.Diagnostics;

namespace Quell.Bench.Reporting;

/// <summary>A set of latency samples (Stopwatch ticks) and their percentiles in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(long fromTimestamp, long toTimestamp) =>
        _ms.Add((toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency);

    /// <summary>Nearest-rank percentile (p in 0..100).</summary>
    public double Percentile(double p)
    {
        if (_ms.Count == 0) return double.NaN;
        var sorted = _ms.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();

    public string Summary() => $"p50 {Percentile(50),8:F3}  p99 {Percentile(99),8:F3}  max {Max,8:F3} ms  (n={Count})";
}

namespace Quell.Bench.Reporting;

/// <summary>Prints one measured figure for Quell and Hangfire side by side.</summary>
internal static class Comparison
{
    public static void Header() =>
        Console.WriteLine($"{"metric",-44} {"Quell",14} {"Hangfire",14} {"Hangfire/Quell",15}");

    /// <summary>One row; the ratio is Hangfire divided by Quell (for latency and memory, above 1 means Quell is better).</summary>
    public static void Row(string metric, double quell, double hangfire, string format = "F2")
    {
        var ratio = quell == 0 || double.IsNaN(quell) || double.IsNaN(hangfire) ? "n/a" : (hangfire / quell).ToString("F2");
        Console.WriteLine($"{metric,-44} {quell.ToString(format),14} {hangfire.ToString(format),14} {ratio,15}");
    }
}

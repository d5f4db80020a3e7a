using Quell.Bench.Reporting;

namespace Quell.Bench.Mcp;

/// <summary>Prints the <c>mcp</c> scenario's figures and the issue's two targets as met or not met.</summary>
internal static class McpReport
{
    private const double CancelP99TargetMs = 10;
    private const double OverheadTarget = 0.10;

    public static void Print(McpCancelRounds cancels, McpProgressRuns progress)
    {
        Console.WriteLine("cancel latency, from t0 = just before notifications/cancelled is written to the server's stdin");
        Console.WriteLine("Quell's (a) and (b) come from rounds with the store polled every 100 µs, (c) from as many rounds without");
        Console.WriteLine($"Quell     (a) cancel request durable      {cancels.QuellRequestDurable.Summary()}");
        Console.WriteLine($"Quell     (b) job.cancelled durable       {cancels.QuellTerminal.Summary()}");
        Console.WriteLine($"Quell     (c) client has the cancel notice {cancels.QuellNotified.Summary()}");
        Console.WriteLine($"bare SDK  (a) tool's token fired          {cancels.BareTokenFired.Summary()}");
        Console.WriteLine($"bare SDK  (b) tool's handler stopped      {cancels.BareStopped.Summary()}");
        Console.WriteLine($"Quell     (b)'s resolution (read-only poll)   {cancels.QuellPollResolution.Summary()}");
        Console.WriteLine($"finished before the cancel (not sampled): Quell {cancels.QuellNotCancelled}, bare {cancels.BareNotCancelled}; bare rounds without a probe line {cancels.BareLost}");
        Console.WriteLine();

        Console.WriteLine("whole analyze_csv calls with a progress token (request written -> response read)");
        Console.WriteLine($"{"",-10} {"median s",10} {"min s",10} {"max s",10} {"server CPU s",13} {"notifications",14} {"notif./s",10}");
        Line("Quell", progress.Quell);
        Line("bare SDK", progress.Bare);
        var quellMedian = McpProgressRuns.Median(progress.Quell.Select(r => r.Seconds));
        var bareMedian = McpProgressRuns.Median(progress.Bare.Select(r => r.Seconds));
        var overhead = quellMedian / bareMedian - 1;
        var cpuOverhead = McpProgressRuns.Median(progress.Quell.Select(r => r.CpuSeconds)) / McpProgressRuns.Median(progress.Bare.Select(r => r.CpuSeconds)) - 1;
        Console.WriteLine("server CPU s: user + system time of the server process over the call (/proc, 10 ms ticks); median");
        Console.WriteLine();

        // Judged on (c): the server sends the notice only after job.cancelled is durable, and the client sees it without
        // (b)'s polling delay, as it sees the bare server's stderr probe lines.
        var p99 = cancels.QuellNotified.Percentile(99);
        Console.WriteLine($"target    cancel p99 <= {CancelP99TargetMs} ms (Quell, (c) client has the notice that the job is cancelled): {p99:F3} ms -> {(p99 <= CancelP99TargetMs ? "met" : "not met")}");
        Console.WriteLine($"target    overhead <= {OverheadTarget:P0} of the bare SDK (median call time): {overhead:+0.0%;-0.0%} -> {(overhead <= OverheadTarget ? "met" : "not met")}"
            + $" (server CPU per call {cpuOverhead:+0.0%;-0.0%})");
        Console.WriteLine();
    }

    private static void Line(string name, List<McpProgressRuns.Run> runs)
    {
        if (runs.Count == 0) return;
        var seconds = runs.Select(r => r.Seconds).ToArray();
        Console.WriteLine($"{name,-10} {McpProgressRuns.Median(seconds),10:F3} {seconds.Min(),10:F3} {seconds.Max(),10:F3} "
            + $"{McpProgressRuns.Median(runs.Select(r => r.CpuSeconds)),13:F3} "
            + $"{McpProgressRuns.Median(runs.Select(r => (double)r.Notifications)),14:F0} {McpProgressRuns.Median(runs.Select(r => r.PerSecond)),10:F1}");
    }
}

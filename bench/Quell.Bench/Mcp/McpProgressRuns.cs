using System.Diagnostics;

namespace Quell.Bench.Mcp;

/// <summary>
/// Whole <c>analyze_csv</c> calls with a progress token: time from writing the request to reading the response,
/// and how many <c>notifications/progress</c> the client received for it.
/// </summary>
internal sealed class McpProgressRuns(string csvPath)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>One call: wall time, the server process's CPU time over the call, and notifications received.</summary>
    public sealed record Run(double Seconds, double CpuSeconds, int Notifications)
    {
        public double PerSecond => Notifications / Seconds;
    }

    public List<Run> Quell { get; } = [];

    public List<Run> Bare { get; } = [];

    public async Task<Run> OnceAsync(BenchMcpServer server)
    {
        var cpuBefore = ChildProcesses.CpuTime(server.Process);
        var call = server.Start(csvPath);
        using (call)
        {
            var result = await call.Response.WaitAsync(Limit).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{server.Name}: no result");
            if (result.IsError == true)
            {
                var text = string.Join(" ", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text));
                throw new InvalidOperationException($"{server.Name}: analyze_csv failed: {text}");
            }
            var cpu = ChildProcesses.CpuTime(server.Process) - cpuBefore;
            // The client handles messages concurrently: give notifications sent before the response time to be counted.
            await Task.Delay(100).ConfigureAwait(false);
            server.Forget(call);
            return new Run((call.RespondedAt - call.StartedAt) / (double)Stopwatch.Frequency, cpu.TotalSeconds, call.ProgressCount);
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

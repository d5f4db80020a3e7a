using Quell.Bench.Reporting;
using Quell.Csv;

namespace Quell.Bench.Mcp;

/// <summary>
/// <c>mcp</c>: Quell's <c>quell mcp</c> against a bare SDK tool doing the same CSV analysis, both as stdio child
/// processes driven by the SDK's client in one run: cancel latency (notification sent → work stopped) and progress
/// throughput. Rounds alternate between the servers so that a change in machine load hits both alike.
/// </summary>
internal static class McpScenario
{
    public static async Task RunAsync(McpBenchOptions options)
    {
        foreach (var dll in new[] { options.QuellDll, options.BareDll })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException(
                    $"{dll} is missing: build Release first (dotnet build bench/Quell.Bench -c Release builds both servers).");
            }
        }
        var work = Directory.CreateTempSubdirectory("quell-mcp-bench-");
        try
        {
            await RunInAsync(options, work.FullName).ConfigureAwait(false);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunInAsync(McpBenchOptions options, string work)
    {
        var csv = Path.Combine(work, "orders.csv");
        await DemoCsv.WriteAsync(csv, options.Rows).ConfigureAwait(false);
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        Console.WriteLine($"## mcp: stdio, SDK client; {options.Cancels:N0} cancels and {options.Calls} whole calls per server; "
            + $"analyze_csv on {options.Rows:N0} rows ({new FileInfo(csv).Length / 1e6:F1} MB)");
        Console.WriteLine($"Quell     dotnet {options.QuellDll} mcp --data {data}");
        Console.WriteLine($"bare SDK  dotnet {options.BareDll}");

        var quellLog = new StderrTally();
        var bareLog = new BareCancelLog();
        await using var quell = await BenchMcpServer.StartAsync("Quell", options.QuellDll, ["mcp", "--data", data], quellLog.OnLine)
            .ConfigureAwait(false);
        await using var bare = await BenchMcpServer.StartAsync("Bare", options.BareDll, [], bareLog.OnLine).ConfigureAwait(false);
        using var store = new QuellStoreProbe(Path.Combine(data, "quell.db"));

        // Warm-up: JIT, the page cache, SQLite's first pages; not counted.
        var progress = new McpProgressRuns(csv);
        var warmCancels = new McpCancelRounds(csv);
        for (var i = 0; i < 2; i++)
        {
            await progress.OnceAsync(quell).ConfigureAwait(false);
            await progress.OnceAsync(bare).ConfigureAwait(false);
        }
        for (var i = 0; i < 10; i++)
        {
            await warmCancels.QuellOnceAsync(quell, store, TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
            await warmCancels.BareOnceAsync(bare, bareLog, TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
        }

        // The same delays after the first progress for both, 5-25 ms, so cancels land at varied points of a chunk.
        var random = new Random(42);
        var delays = Enumerable.Range(0, options.Cancels).Select(_ => TimeSpan.FromMilliseconds(random.Next(5, 26))).ToArray();
        var cancels = new McpCancelRounds(csv);
        Console.WriteLine($"cancels   started {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
        for (var i = 0; i < options.Cancels; i++)
        {
            if (i % 2 == 0)
            {
                await cancels.QuellOnceAsync(quell, store, delays[i]).ConfigureAwait(false);
                await cancels.BareOnceAsync(bare, bareLog, delays[i]).ConfigureAwait(false);
            }
            else
            {
                await cancels.BareOnceAsync(bare, bareLog, delays[i]).ConfigureAwait(false);
                await cancels.QuellOnceAsync(quell, store, delays[i]).ConfigureAwait(false);
            }
        }
        Console.WriteLine($"calls     started {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
        for (var i = 0; i < options.Calls; i++)
        {
            if (i % 2 == 0)
            {
                progress.Quell.Add(await progress.OnceAsync(quell).ConfigureAwait(false));
                progress.Bare.Add(await progress.OnceAsync(bare).ConfigureAwait(false));
            }
            else
            {
                progress.Bare.Add(await progress.OnceAsync(bare).ConfigureAwait(false));
                progress.Quell.Add(await progress.OnceAsync(quell).ConfigureAwait(false));
            }
        }
        Console.WriteLine();
        McpReport.Print(cancels, progress, quellLog, bareLog.Logs);
    }
}

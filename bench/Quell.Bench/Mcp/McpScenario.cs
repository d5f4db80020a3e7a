using Quell.Bench.Reporting;

namespace Quell.Bench.Mcp;

/// <summary>
/// <c>mcp</c>: Quell's <c>quell mcp</c> against a bare SDK tool doing the same CSV analysis, both as stdio child
/// processes driven by the SDK's client in one run: cancel latency (notification sent → work stopped) and progress
/// throughput, on two files. Rounds alternate between the servers so that a change in machine load hits both alike.
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
        var workloads = await McpWorkload.CreateAsync(work, options.Rows, options.NarrowRows).ConfigureAwait(false);
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        Console.WriteLine($"## mcp: stdio, SDK client; per file {options.Cancels:N0} cancels and {options.Calls} whole calls per server");
        Console.WriteLine($"Quell     dotnet {options.QuellDll} mcp --data {data}");
        Console.WriteLine($"bare SDK  dotnet {options.BareDll}");
        foreach (var workload in workloads) Console.WriteLine($"file      {workload.Label}: {workload.Description}");
        Console.WriteLine();

        var quellLog = new StderrTally();
        var bareLog = new BareCancelLog();
        await using var quell = await BenchMcpServer.StartAsync("Quell", options.QuellDll, ["mcp", "--data", data], quellLog.OnLine)
            .ConfigureAwait(false);
        await quell.EnableCancelNoticesAsync().ConfigureAwait(false);
        await using var bare = await BenchMcpServer.StartAsync("Bare", options.BareDll, [], bareLog.OnLine).ConfigureAwait(false);
        using var store = new QuellStoreProbe(Path.Combine(data, "quell.db"));

        foreach (var workload in workloads.Where(w => options.OnlyFile is null || w.Label == options.OnlyFile))
        {
            Console.WriteLine($"### {workload.Label}: {workload.Description}");
            var cancels = new McpCancelRounds(workload.Path);
            var progress = new McpProgressRuns(workload.Path);
            await WarmUpAsync(workload.Path, quell, bare, store, bareLog).ConfigureAwait(false);

            // The same delays after the first progress for both, 5-25 ms, so cancels land at varied points of a chunk.
            var random = new Random(42);
            var delays = Enumerable.Range(0, options.Cancels).Select(_ => TimeSpan.FromMilliseconds(random.Next(5, 26))).ToArray();
            Console.WriteLine($"cancels   started {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
            for (var i = 0; i < options.Cancels; i++)
            {
                // Quell twice, with the store polled for (a) and (b) and without for (c); the order alternates.
                var quellRounds = async () =>
                {
                    await cancels.QuellOnceAsync(quell, store, delays[i], poll: i % 2 == 0).ConfigureAwait(false);
                    await cancels.QuellOnceAsync(quell, store, delays[i], poll: i % 2 != 0).ConfigureAwait(false);
                };
                var bareRound = () => cancels.BareOnceAsync(bare, bareLog, delays[i]);
                await (i % 2 == 0 ? quellRounds : bareRound)().ConfigureAwait(false);
                await (i % 2 == 0 ? bareRound : quellRounds)().ConfigureAwait(false);
            }
            Console.WriteLine($"calls     started {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
            for (var i = 0; i < options.Calls; i++)
            {
                var first = i % 2 == 0 ? quell : bare;
                var second = i % 2 == 0 ? bare : quell;
                (first == quell ? progress.Quell : progress.Bare).Add(await progress.OnceAsync(first).ConfigureAwait(false));
                (second == quell ? progress.Quell : progress.Bare).Add(await progress.OnceAsync(second).ConfigureAwait(false));
            }
            Console.WriteLine($"ended     {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
            Console.WriteLine();
            McpReport.Print(cancels, progress);
        }
        Console.WriteLine($"stderr    quell mcp: {quellLog.Summary()}");
        Console.WriteLine($"stderr    bare:      {bareLog.Logs.Summary()}");
        Console.WriteLine();
    }

    /// <summary>JIT, the page cache, SQLite's first pages: two whole calls and ten cancels each, not counted.</summary>
    private static async Task WarmUpAsync(string path, BenchMcpServer quell, BenchMcpServer bare, QuellStoreProbe store, BareCancelLog bareLog)
    {
        var progress = new McpProgressRuns(path);
        var cancels = new McpCancelRounds(path);
        for (var i = 0; i < 2; i++)
        {
            await progress.OnceAsync(quell).ConfigureAwait(false);
            await progress.OnceAsync(bare).ConfigureAwait(false);
        }
        for (var i = 0; i < 10; i++)
        {
            await cancels.QuellOnceAsync(quell, store, TimeSpan.FromMilliseconds(10), poll: i % 2 == 0).ConfigureAwait(false);
            await cancels.BareOnceAsync(bare, bareLog, TimeSpan.FromMilliseconds(10)).ConfigureAwait(false);
        }
    }
}

using Quell.Bench.Agents;
using Quell.Bench.Mcp;
using Quell.Bench.Micro;
using Quell.Bench.Postgres;
using Quell.Bench.Reporting;
using Quell.Bench.Scenarios;
using Quell.Bench.Workflows;

const string Usage = """
    usage: dotnet run -c Release --project bench/Quell.Bench -- <scenario> [flags]
      micro            BenchmarkDotNet micro-benchmarks (extra arguments go to BenchmarkDotNet)
      throughput       no-op jobs end to end            --jobs 100000 --workers 16 --submitters 32 [--batch 100]
      cancel-latency   cancel -> observed / durable     --cancels 1000 --workers 16
      memory           N running jobs awaiting a token  --jobs 10000
      all              the three load scenarios with modest defaults (< 5 minutes)
      mcp              quell mcp vs a bare SDK tool over stdio  --cancels 200 --calls 6 --rows 1000000 --narrow-rows 5000000 [--file narrow|orders]
      workflow-cancel  cancel a streaming scripted task  --cancels 200
      llm-cancel       cancel llm.generate streaming from a local OpenAI-compatible server  --cancels 200
      pg-throughput    no-op jobs on PostgreSQL: Quell 1 and 3 nodes, Hangfire.PostgreSql, pg-boss, graphile-worker
                       --connection "Host=…" (or QUELL_TEST_POSTGRES) --jobs 20000 --peer-jobs 5000 [--runs 3]
      pg-cancel-latency  cross-node cancel on PostgreSQL, Quell 1 and 3 nodes, Hangfire.PostgreSql  --cancels 1000 --peer-cancels 32
      pg-all           pg-throughput then pg-cancel-latency, --runs times (default 1)
      --runtime quell|hangfire|node runs one side only
    """;

var scenario = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
var options = ScenarioOptions.Parse(rest);
if (scenario == "memory-child")
{
    await MemoryScenario.RunChildAsync(options);
    return 0;
}
if (scenario is not ("micro" or "throughput" or "cancel-latency" or "memory" or "all" or "mcp" or "workflow-cancel" or "llm-cancel" or "pg-throughput" or "pg-cancel-latency" or "pg-all"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}
MachineInfo.Print(scenario);
switch (scenario)
{
    case "micro":
        MicroBenchmarks.Run(rest);
        break;
    case "throughput":
        await ThroughputScenario.RunAsync(options, defaultJobs: 100_000);
        break;
    case "cancel-latency":
        await CancelLatencyScenario.RunAsync(options, defaultCancels: 1_000);
        break;
    case "memory":
        await MemoryScenario.RunAsync(options, defaultJobs: 10_000);
        break;
    case "mcp":
        await McpScenario.RunAsync(McpBenchOptions.Parse(rest));
        break;
    case "workflow-cancel":
        await WorkflowCancelScenario.RunAsync(options, defaultCancels: 200);
        break;
    case "llm-cancel":
        await LlmCancelScenario.RunAsync(options, defaultCancels: 200);
        break;
    case "pg-throughput":
        await PgThroughputScenario.RunAsync(options, defaultJobs: 20_000);
        break;
    case "pg-cancel-latency":
        await PgCancelLatencyScenario.RunAsync(options, defaultCancels: 1_000);
        break;
    case "pg-all":
        for (var run = 1; run <= (options.Repeat ?? 1); run++)
        {
            Console.WriteLine($"# run {run}: {DateTimeOffset.UtcNow:HH:mm:ss} UTC, load avg {MachineInfo.LoadAverage()}");
            await PgThroughputScenario.RunAsync(options, defaultJobs: 20_000);
            await PgCancelLatencyScenario.RunAsync(options, defaultCancels: 1_000);
        }
        break;
    case "all":
        await ThroughputScenario.RunAsync(options, defaultJobs: 20_000);
        await CancelLatencyScenario.RunAsync(options, defaultCancels: 1_000);
        await MemoryScenario.RunAsync(options, defaultJobs: 10_000);
        break;
}
Console.WriteLine($"load avg at end {MachineInfo.LoadAverage()}");
return 0;

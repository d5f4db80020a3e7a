using Quell.Bench.Agents;
using Quell.Bench.Mcp;
using Quell.Bench.Micro;
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
      --runtime quell|hangfire runs one side only
    """;

var scenario = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
var options = ScenarioOptions.Parse(rest);
if (scenario == "memory-child")
{
    await MemoryScenario.RunChildAsync(options);
    return 0;
}
if (scenario is not ("micro" or "throughput" or "cancel-latency" or "memory" or "all" or "mcp" or "workflow-cancel" or "llm-cancel"))
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
    case "all":
        await ThroughputScenario.RunAsync(options, defaultJobs: 20_000);
        await CancelLatencyScenario.RunAsync(options, defaultCancels: 1_000);
        await MemoryScenario.RunAsync(options, defaultJobs: 10_000);
        break;
}
Console.WriteLine($"load avg at end {MachineInfo.LoadAverage()}");
return 0;

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Quell.Bench.Micro;

/// <summary>
/// Runs the BenchmarkDotNet suites with a short job (in process, 3 warm-ups, 8 measured iterations) so the whole
/// set finishes in a few minutes on a busy machine; pass BenchmarkDotNet's own arguments after <c>micro</c>
/// (<c>--filter *Append*</c>, <c>--job default</c>) to change that.
/// </summary>
internal static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(8)
                .WithId("short"))
            .AddDiagnoser(MemoryDiagnoser.Default);
        var switcher = BenchmarkSwitcher.FromTypes([typeof(JobContextBenchmarks), typeof(StoreAppendBenchmarks)]);
        switcher.Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Quell.Bench.Quell;
using Quell.Jobs;
using Quell.Runtime;

namespace Quell.Bench.Micro;

/// <summary>The calls a handler makes in its inner loop, against a plain token check as the floor.</summary>
[MemoryDiagnoser]
public class JobContextBenchmarks
{
    private JobExecution _execution = null!;
    private JobContext _context = null!;
    private CancellationToken _token;
    private long _i;

    [GlobalSetup]
    public void Setup()
    {
        var job = new JobRecord
        {
            Id = "0192d7f2c0de7a1b8c3d4e5f60718293",
            Type = BenchJobs.Noop,
            Owner = "bench",
            Status = JobStatus.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Attempt = 1,
        };
        var registration = JobTypeRegistration.Create<BenchInput, int, NoopJob>(BenchJobs.Noop, new JobTypeOptions());
        _execution = new JobExecution(job, registration, CancellationToken.None);
        // No pump: these benchmarks measure the in-memory calls and never emit events.
        _context = new JobContext(_execution, NullLogger.Instance, TimeProvider.System, Path.GetTempPath(), static (_, _) => { }, pump: null!);
        _token = _execution.CancellationToken;
    }

    [GlobalCleanup]
    public void Cleanup() => _execution.Dispose();

    // Each call costs about a nanosecond, below what one timed invocation can resolve: every benchmark makes
    // 1,000 calls and BenchmarkDotNet divides. Results feed a local so the JIT cannot drop the calls.
    private const int Calls = 1_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "CancellationToken.IsCancellationRequested")]
    public bool TokenCheck()
    {
        var any = false;
        for (var i = 0; i < Calls; i++) any |= _token.IsCancellationRequested;
        return any;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "IJobContext.Checkpoint (not cancelled)")]
    public void Checkpoint()
    {
        for (var i = 0; i < Calls; i++) _context.Checkpoint("step");
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "IJobContext.ReportProgress(current, total)")]
    public void ReportProgress()
    {
        for (var i = 0; i < Calls; i++) _context.ReportProgress(++_i, 1_000_000);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "IJobContext.ReportProgress(current, total, message)")]
    public void ReportProgressWithMessage()
    {
        for (var i = 0; i < Calls; i++) _context.ReportProgress(++_i, 1_000_000, "rows");
    }
}

using System.Collections.Concurrent;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Server.Tests.Support;

public sealed record SleepInput(int Steps = 10, int DelayMs = 5);

public sealed record SleepResult(int Steps);

/// <summary>Loops: progress, one partial result and a checkpoint per step.</summary>
public sealed class SleepJob : IJobHandler<SleepInput, SleepResult>
{
    public async Task<SleepResult> ExecuteAsync(SleepInput input, IJobContext context)
    {
        context.SetTotalItems(input.Steps);
        for (var i = 1; i <= input.Steps; i++)
        {
            await Task.Delay(input.DelayMs, context.CancellationToken);
            context.AddPartialResult(new { step = i });
            context.ReportProgress(i, input.Steps, $"step {i}");
            context.Checkpoint($"step-{i}");
        }
        return new SleepResult(input.Steps);
    }
}

public sealed record FailInput(string Message = "boom");

/// <summary>Always throws.</summary>
public sealed class FailJob : IJobHandler<FailInput, SleepResult>
{
    public Task<SleepResult> ExecuteAsync(FailInput input, IJobContext context) =>
        throw new InvalidOperationException(input.Message);
}

public sealed record GateInput(string Gate);

/// <summary>Runs until the test opens its gate, ignoring cancellation, so the host stays in shutdown.</summary>
public sealed class GateJob : IJobHandler<GateInput, SleepResult>
{
    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    public static TaskCompletionSource Create(string name) =>
        Gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task<SleepResult> ExecuteAsync(GateInput input, IJobContext context)
    {
        await Create(input.Gate).Task;
        return new SleepResult(0);
    }
}

public static class TestJobs
{
    public const string Sleep = "test.sleep";
    public const string Fail = "test.fail";
    public const string Gate = "test.gate";

    public static void Register(QuellBuilder quell)
    {
        quell.AddJob<SleepInput, SleepResult, SleepJob>(Sleep);
        quell.AddJob<FailInput, SleepResult, FailJob>(Fail);
        quell.AddJob<GateInput, SleepResult, GateJob>(Gate);
        quell.Configure(options =>
        {
            options.PersistInterval = TimeSpan.FromMilliseconds(50);
            options.ShutdownNoticePeriod = TimeSpan.Zero;
        });
    }
}

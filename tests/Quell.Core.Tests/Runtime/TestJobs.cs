using System.Collections.Concurrent;
using Quell.Cancellation;
using Quell.Hosting;
using Microsoft.Extensions.Logging;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

/// <summary>Small job types whose behaviour the runtime tests steer through their input.</summary>
public static class TestJobs
{
    public const string Steps = "test.steps";
    public const string Wait = "test.wait";
    public const string Noop = "test.noop";
    public const string Fail = "test.fail";
    public const string Budget = "test.budget";
    public const string Cleanup = "test.cleanup";
    public const string Chatty = "test.chatty";
    public const string RetrySafe = "test.retry-safe";
    public const string Emit = "test.emit";
    public const string Parent = "test.parent";
    public const string LimitedWait = "test.limited-wait";

    /// <summary>Slots of <see cref="Parent"/>'s own (not the node's MaxConcurrency).</summary>
    public const int ParentSlots = 8;

    /// <summary>Slots of <see cref="LimitedWait"/>'s own.</summary>
    public const int LimitedWaitSlots = 2;

    public static QuellBuilder AddTestJobs(this QuellBuilder quell) => quell
        .AddJob<StepsInput, int, StepsJob>(Steps)
        .AddJob<StepsInput, int, StepsJob>(RetrySafe, o => o.SafeToRetry = true)
        .AddJob<EmptyInput, string, WaitJob>(Wait)
        .AddJob<EmptyInput, string, NoopJob>(Noop)
        .AddJob<EmptyInput, string, FailJob>(Fail)
        .AddJob<BudgetInput, int, BudgetJob>(Budget)
        .AddJob<CleanupInput, string, CleanupJob>(Cleanup)
        .AddJob<ChattyInput, long, ChattyJob>(Chatty)
        .AddJob<StepsInput, int, EmitJob>(Emit)
        .AddJob<EmptyInput, string, ParentJob>(Parent, o => o.MaxConcurrency = ParentSlots)
        .AddJob<EmptyInput, string, WaitJob>(LimitedWait, o => o.MaxConcurrency = LimitedWaitSlots);
}

public sealed record EmptyInput;

public sealed record StepsInput(int Steps, int DelayMs = 5);

public sealed class StepsJob : IJobHandler<StepsInput, int>
{
    public async Task<int> ExecuteAsync(StepsInput input, IJobContext context)
    {
        context.SetTotalItems(input.Steps);
        for (var i = 0; i < input.Steps; i++)
        {
            context.Checkpoint("step");
            await Task.Delay(input.DelayMs, context.CancellationToken);
            context.AddPartialResult(new { item = i });
            context.ReportProgress(i + 1, input.Steps, $"step {i + 1}");
        }
        return input.Steps;
    }
}

/// <summary>Waits until cancelled, and records when each of its tokens fired.</summary>
public sealed class WaitJob : IJobHandler<EmptyInput, string>
{
    public static readonly ConcurrentDictionary<string, List<string>> Fired = new();

    /// <summary>The cancel message the handler saw when its token fired.</summary>
    public static readonly ConcurrentDictionary<string, string?> MessageSeen = new();

    public async Task<string> ExecuteAsync(EmptyInput input, IJobContext context)
    {
        var order = Fired.GetOrAdd(context.JobId, _ => []);
        context.ShutdownToken.Register(() => { lock (order) order.Add("shutdown"); });
        context.CancellationToken.Register(() =>
        {
            lock (order) order.Add("cancel");
            MessageSeen[context.JobId] = context.Cancellation?.Message;
        });
        context.AddPartialResult("started");
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return "unreachable";
    }
}

/// <summary>Submits a <see cref="TestJobs.Noop"/> child and waits for it, as a workflow run waits on a service task.</summary>
public sealed class ParentJob(IJobService jobs) : IJobHandler<EmptyInput, string>
{
    public async Task<string> ExecuteAsync(EmptyInput input, IJobContext context)
    {
        var child = await jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, System.Text.Json.JsonSerializer.SerializeToElement(input),
            "alice", ParentId: context.JobId), context.CancellationToken);
        var done = await jobs.WaitForCompletionAsync(child.Id, null, context.CancellationToken);
        return $"child {done?.Status}";
    }
}

public sealed class NoopJob : IJobHandler<EmptyInput, string>
{
    public Task<string> ExecuteAsync(EmptyInput input, IJobContext context) => Task.FromResult("done");
}

public sealed class FailJob : IJobHandler<EmptyInput, string>
{
    public Task<string> ExecuteAsync(EmptyInput input, IJobContext context)
    {
        context.AddPartialResult("half");
        throw new InvalidOperationException("The test job failed on purpose.");
    }
}

public sealed record BudgetInput(int Items, int MaxItems);

/// <summary>Processes items until a budget it was given runs out, then cancels itself with resource_limit.</summary>
public sealed class BudgetJob : IJobHandler<BudgetInput, int>
{
    public Task<int> ExecuteAsync(BudgetInput input, IJobContext context)
    {
        for (var i = 0; i < input.Items; i++)
        {
            if (i == input.MaxItems) context.Cancel(CancellationReason.ResourceLimit, $"Item budget of {input.MaxItems} exhausted.");
            context.Checkpoint("item");
            context.AddPartialResult(i);
        }
        return Task.FromResult(input.Items);
    }
}

public sealed record CleanupInput(string Key, string Outcome);

/// <summary>Registers three cleanups (the middle one throws) and ends as its input says.</summary>
public sealed class CleanupJob : IJobHandler<CleanupInput, string>
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Ran = new();

    public async Task<string> ExecuteAsync(CleanupInput input, IJobContext context)
    {
        var ran = Ran.GetOrAdd(input.Key, _ => new ConcurrentQueue<string>());
        var temp = context.CreateTempDirectory();
        File.WriteAllText(Path.Combine(temp, "scratch.txt"), "x");
        ran.Enqueue("temp:" + temp);
        context.OnCleanup(() => { ran.Enqueue("first"); return ValueTask.CompletedTask; });
        context.OnCleanup(() => throw new IOException("cleanup broke"));
        context.OnCleanup(() => { ran.Enqueue("third"); return ValueTask.CompletedTask; });
        switch (input.Outcome)
        {
            case "fail": throw new InvalidOperationException("failed on purpose");
            case "cancel": await Task.Delay(Timeout.Infinite, context.CancellationToken); break;
        }
        return "ok";
    }
}

public sealed record ChattyInput(long Reports);

/// <summary>Reports progress a great many times, as a tight loop over rows would.</summary>
public sealed class ChattyJob : IJobHandler<ChattyInput, long>
{
    public async Task<long> ExecuteAsync(ChattyInput input, IJobContext context)
    {
        for (long i = 1; i <= input.Reports; i++)
        {
            context.ReportProgress(i, input.Reports, "working");
            if (i % 100_000 == 0) await Task.Yield();
        }
        return input.Reports;
    }
}

/// <summary>Writes a log line and a custom event per step, so tests can check their order in the history.</summary>
public sealed class EmitJob : IJobHandler<StepsInput, int>
{
    public async Task<int> ExecuteAsync(StepsInput input, IJobContext context)
    {
        for (var i = 1; i <= input.Steps; i++)
        {
            context.Log.LogInformation("a step");
            await context.EmitAsync("test.step", System.Text.Json.JsonSerializer.SerializeToElement(new { step = i }), context.CancellationToken);
        }
        return input.Steps;
    }
}

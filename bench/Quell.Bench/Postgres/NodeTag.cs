using System.Collections.Concurrent;
using Quell.Bench.Quell;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Bench.Postgres;

/// <summary>Which in-process node a host is (0, 1, 2): the cross-node cancel scenario cancels through another one.</summary>
internal sealed record NodeTag(int Index);

/// <summary>Where each await-cancel job of a cluster runs, recorded by its handler.</summary>
internal sealed class RunningOn
{
    public ConcurrentDictionary<string, int> Node { get; } = new(StringComparer.Ordinal);
}

/// <summary>The bench's await-cancel job, which also records the node that runs it.</summary>
internal sealed class TaggedAwaitCancelJob(BenchProbe probe, NodeTag node, RunningOn runningOn) : IJobHandler<BenchInput, int>
{
    public const string Type = "bench.await-cancel-tagged";

    public Task<int> ExecuteAsync(BenchInput input, IJobContext context)
    {
        runningOn.Node[context.JobId] = node.Index;
        return new AwaitCancelJob(probe).ExecuteAsync(input, context);
    }
}

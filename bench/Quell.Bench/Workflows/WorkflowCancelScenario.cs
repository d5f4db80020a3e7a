using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Agents.Events;
using Quell.Bench.Reporting;
using Quell.Bench.Scenarios;
using Quell.Cancellation;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Engine;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;

namespace Quell.Bench.Workflows;

/// <summary>
/// Cancels a streaming agentic task (the scripted model, 50 tokens a second) after a random number of chunks and
/// measures, per cancel: the time from the element-cancel call to <c>task.cancelled</c> being durable and published,
/// and how many message chunks the history holds after the durable <c>task.cancel.request</c> ("stops within one
/// chunk" means at most one).
/// </summary>
internal static class WorkflowCancelScenario
{
    private const string Owner = "bench";
    private const string WorkflowId = "bench-stream";

    private static readonly string Definition = $$"""
        id: {{WorkflowId}}
        name: Streaming task to cancel
        elements:
          - id: start
            type: StartEvent
          - id: stream
            type: AgenticTask
            properties:
              allowCancellation: true
              agentProvider: scripted
              prompt: Write a long answer.
              script:
                tokensPerSecond: 50
                text: {{string.Join(' ', Enumerable.Repeat("word", 2000))}}
          - id: end
            type: EndEvent
        flows:
          - { id: f1, source: start, target: stream }
          - { id: f2, source: stream, target: end }
        """;

    public static async Task RunAsync(ScenarioOptions options, int defaultCancels)
    {
        var cancels = options.Cancels ?? defaultCancels;
        Console.WriteLine($"## workflow-cancel: {cancels:N0} runs, one streaming scripted task each (50 tokens/s), cancelled after 3-20 chunks");
        var data = Path.Combine(Path.GetTempPath(), "quell-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddQuell(q => q.AddWorkflows().Configure(o => o.DataDirectory = data)).UseSqliteStore();
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var services = host.Services;
            await services.GetRequiredService<IWorkflowCatalog>().PutAsync(WorkflowId, Definition, WorkflowFormat.Yaml).ConfigureAwait(false);
            var runs = services.GetRequiredService<WorkflowRuns>();
            var jobs = services.GetRequiredService<IJobService>();
            var latency = new Latencies();
            var chunksAfter = new List<int>();
            var random = new Random(23);
            for (var i = 0; i < cancels + 5; i++)
            {
                var (ms, chunks) = await CancelOneAsync(runs, jobs, random.Next(3, 21)).ConfigureAwait(false);
                if (i < 5) continue; // warm-up
                latency.Add(ms.From, ms.To);
                chunksAfter.Add(chunks);
            }
            Console.WriteLine($"cancel call -> task.cancelled durable   {latency.Summary()}");
            Console.WriteLine($"chunks after the durable request        max {chunksAfter.Max()}, mean {chunksAfter.Average():F2}, " +
                $"runs with more than one: {chunksAfter.Count(c => c > 1)}");
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
        Console.WriteLine();
    }

    private static async Task<((long From, long To) Ms, int ChunksAfter)> CancelOneAsync(WorkflowRuns runs, IJobService jobs, int chunksBeforeCancel)
    {
        var run = await runs.StartAsync(WorkflowId, null, Owner).ConfigureAwait(false);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long calledAt = 0, cancelledAt = 0;
        var seen = 0;
        var chunksAfter = 0;
        var requested = false;
        Task<ElementCancelOutcome>? cancel = null;
        await foreach (var e in jobs.WatchAsync(run.Id, Owner, 0, false, limit.Token).ConfigureAwait(false))
        {
            if (e.Type == AgentEventTypes.MessageDelta)
            {
                if (requested) chunksAfter++;
                if (++seen == chunksBeforeCancel)
                {
                    calledAt = Stopwatch.GetTimestamp();
                    cancel = runs.CancelElementAsync(run.Id, "stream", Owner, CancellationReason.UserRequested, "bench");
                }
            }
            else if (e.Type == WorkflowEventTypes.TaskCancelRequest)
            {
                requested = true;
            }
            else if (e.Type == WorkflowEventTypes.TaskCancelled)
            {
                cancelledAt = Stopwatch.GetTimestamp();
            }
            if (global::Quell.Events.JobEventTypes.IsTerminal(e.Type)) break;
        }
        if (cancel is null || cancelledAt == 0) throw new InvalidOperationException($"Run {run.Id} ended without the task being cancelled.");
        var outcome = await cancel.ConfigureAwait(false);
        if (outcome.Kind != ElementCancelOutcomeKind.Requested) throw new InvalidOperationException($"Cancel of run {run.Id}: {outcome.Kind}.");
        return ((calledAt, cancelledAt), chunksAfter);
    }
}

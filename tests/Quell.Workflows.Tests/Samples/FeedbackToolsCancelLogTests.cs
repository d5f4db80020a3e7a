using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Agents.Events;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Samples;

/// <summary>
/// Issue 4's acceptance: with <c>cancelInFlightTools</c>, the sample tool server (a real child process over stdio)
/// records the <c>notifications/cancelled</c> it got when the task running its tool is cancelled.
/// </summary>
public sealed class FeedbackToolsCancelLogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "quell-tests", "fb-" + Guid.NewGuid().ToString("N"));

    public FeedbackToolsCancelLogTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_a_task_in_a_tool_forwards_the_cancel_only_with_cancelInFlightTools(bool cancelInFlightTools)
    {
        var cancelLog = Path.Combine(_dir, "cancel.jsonl");
        await using var host = await RuntimeHost.StartAsync(q => q.AddWorkflows());
        var catalog = host.Host.Services.GetRequiredService<IWorkflowCatalog>();
        var runs = host.Host.Services.GetRequiredService<WorkflowRuns>();
        // 20,000 rows at 4,000 rows/s: the tool runs for about five seconds unless it is cancelled.
        await catalog.PutAsync("keywords", Workflow(cancelLog, cancelInFlightTools, rowsPerSecond: 4000), WorkflowFormat.Yaml);

        var run = await runs.StartAsync("keywords", null, "alice");
        await WaitForEventAsync(host.Jobs, run.Id, AgentEventTypes.ToolStart);
        // Let the tool get going (the server has to start and read rows), then cancel the task.
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var cancelledAt = DateTimeOffset.UtcNow;
        var outcome = await runs.CancelElementAsync(run.Id, "keywords", "alice", message: "stop the keywords");
        Assert.Equal(ElementCancelOutcomeKind.Requested, outcome.Kind);
        await WaitForEventAsync(host.Jobs, run.Id, WorkflowEventTypes.RunFinished);

        var view = await runs.GetAsync(run.Id, "alice");
        Assert.Equal("cancelled", view!.Elements.Single(e => e.ElementId == "keywords").Status);
        Assert.Equal("failed", view.Outcome);
        var tool = Assert.Single(view.ToolCalls);
        if (cancelInFlightTools)
        {
            Assert.Equal("cancelled", tool.Status);
            var line = Assert.Single(await File.ReadAllLinesAsync(cancelLog));
            using var entry = JsonDocument.Parse(line);
            Assert.Equal("extract_keywords", entry.RootElement.GetProperty("tool").GetString());
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("requestId").GetString()));
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("reason").GetString()));
            Assert.True(entry.RootElement.GetProperty("time").GetDateTimeOffset() >= cancelledAt.AddSeconds(-1));
        }
        else
        {
            // Waited for, as the seed says: the tool finished, and its server was never asked to stop.
            Assert.Equal("complete", tool.Status);
            Assert.False(File.Exists(cancelLog));
        }
    }

    private static async Task WaitForEventAsync(IJobService jobs, string runId, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var e in jobs.WatchAsync(runId, "alice", afterSeq: 0, includeTransient: false, timeout.Token))
        {
            if (e.Type == type) return;
        }
        throw new InvalidOperationException($"The run ended without {type}.");
    }

    private string Workflow(string cancelLog, bool cancelInFlightTools, int rowsPerSecond) => $$"""
        id: keywords
        name: Keywords only
        elements:
          - { id: start, type: StartEvent }
          - id: keywords
            type: AgenticTask
            name: Extract keywords
            properties:
              allowCancellation: true
              cancelInFlightTools: {{(cancelInFlightTools ? "true" : "false")}}
              agentProvider: scripted
              prompt: Extract the keywords.
              tools:
                - name: feedback
                  command: dotnet
                  args: [{{Quote(SampleToolServer.Dll)}}, --cancel-log, {{Quote(cancelLog)}}, --data, {{Quote(Path.Combine(_dir, "demo.csv"))}}, --rows-per-second, "{{rowsPerSecond}}"]
                  allowedTools: [extract_keywords]
              script:
                tokensPerSecond: 50
                text: Done.
                toolCalls:
                  - name: extract_keywords
                    arguments: { dataset: demo, top: 5 }
          - { id: done, type: EndEvent, properties: { outcome: success } }
        flows:
          - { id: f1, source: start, target: keywords }
          - { id: f2, source: keywords, target: done }
        """;

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}

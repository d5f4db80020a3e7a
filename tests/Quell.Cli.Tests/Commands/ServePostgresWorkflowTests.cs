using System.Net.Http.Json;
using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// A workflow run on a two-node cluster: started on one node, its element jobs claimed by either, watched, cancelled
/// and streamed as AG-UI through the other.
/// </summary>
public sealed class ServePostgresWorkflowTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new();

    [PostgresServeFact]
    public async Task A_run_started_on_one_node_is_watched_cancelled_and_streamed_through_the_other()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var a = await StartNodeAsync(database, "node-a");
        await using var b = await StartNodeAsync(database, "node-b");

        using var started = await a.Http.PostAsJsonAsync("/api/workflows/feedback-analysis/runs",
            new { variables = new { period = "this week", source = "demo" } });
        Assert.Equal(202, (int)started.StatusCode);
        var runId = Json.Parse(await started.Content.ReadAsStringAsync()).Text("runId")!;

        // Node b sees the run as node a and the element jobs write it, and cancels the task that streams.
        await WaitForRunAsync(b, runId, run => ElementStatus(run, "extract_keywords") == "running");
        using var cancel = await b.Http.PostAsJsonAsync($"/api/runs/{runId}/elements/extract_keywords/cancel",
            new { reason = "user_requested", message = "enough" });
        Assert.Equal(202, (int)cancel.StatusCode);

        var ended = await WaitForRunAsync(b, runId, run => run.Text("status") is "completed" or "failed" or "cancelled");
        Assert.Equal("failed", ended.Text("outcome"));
        Assert.Equal("cancelled", ElementStatus(ended, "extract_keywords"));
        Assert.Equal("completed", ElementStatus(ended, "task_c"));

        // The AG-UI stream of the finished run, from node b: the run's end, the cancelled task's partial text.
        var agui = await b.Http.GetStringAsync($"/api/runs/{runId}/agui");
        Assert.Contains("RUN_", agui, StringComparison.Ordinal);
        Assert.Contains("user_requested", agui, StringComparison.Ordinal);

        // Each element job started once, whichever node ran it, and both nodes' views agree.
        var starts = await database.ScalarAsync<long>(
            "SELECT COUNT(*) - COUNT(DISTINCT job_id) FROM events WHERE type = 'job.started'");
        Assert.Equal(0, starts);
        var fromA = await a.Http.GetStringAsync($"/api/runs/{runId}");
        Assert.Equal(ended.Text("outcome"), Json.Parse(fromA).Text("outcome"));
    }

    private static string? ElementStatus(JsonElement run, string elementId) =>
        run.GetProperty("elements").EnumerateArray()
            .Where(e => e.GetProperty("elementId").GetString() == elementId)
            .Select(e => e.TryGetProperty("status", out var status) ? status.GetString() : null).FirstOrDefault();

    private static async Task<JsonElement> WaitForRunAsync(ServeProcess node, string runId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var run = Json.Parse(await node.Http.GetStringAsync($"/api/runs/{runId}"));
            if (condition(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Run {runId} on {node.Http.BaseAddress}: {run}");
            await Task.Delay(50);
        }
    }

    private Task<ServeProcess> StartNodeAsync(PostgresTestDatabase database, string nodeId) =>
        ServeProcess.StartNodeAsync(_dir.File(nodeId), database.ConnectionString, nodeId,
            new Dictionary<string, string> { ["Quell__LeaseDuration"] = "00:01:00" },
            workingDirectory: Infrastructure.Quell.RepositoryRoot); // the sample's tool server starts relative to it

    public void Dispose() => _dir.Dispose();
}

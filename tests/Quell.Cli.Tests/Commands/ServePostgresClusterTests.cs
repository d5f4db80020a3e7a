using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>Two real <c>quell serve</c> nodes on one PostgreSQL database.</summary>
[Collection(BigCsvCollection.Name)]
public sealed class ServePostgresClusterTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    private static bool HasProgress(JsonElement job) =>
        job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("current").GetInt64() > 0;

    [PostgresServeFact]
    public async Task A_cancel_sent_to_the_other_node_stops_the_job_with_its_reason_and_streams_there()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        // A lease of a minute renews every 20 s: a cancel that arrives in seconds came by NOTIFY, not by renewal.
        await using var a = await StartNodeAsync(database, "node-a", lease: "00:01:00");
        await using var b = await StartNodeAsync(database, "node-b", lease: "00:01:00");

        var id = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(id, HasProgress, Generous);
        var runnerId = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id));
        var (runner, other) = runnerId == "node-a" ? (a, b) : (b, a);
        // The other node streams the job it does not run: history, then live events through NOTIFY, to the end.
        var stream = other.Http.GetStringAsync($"/api/jobs/{id}/events");

        var clock = Stopwatch.StartNew();
        using var cancel = await other.Http.PostAsync($"/api/jobs/{id}/cancel", new StringContent(
            """{"reason":"user_requested","message":"from the other node"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(202, (int)cancel.StatusCode);
        var job = await runner.WaitForJobAsync(id, j => j.Text("status") is "cancelled" or "completed" or "failed", Generous);
        clock.Stop();

        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("user_requested", job.Text("cancellation", "reason"));
        Assert.Equal("from the other node", job.Text("cancellation", "message"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the cancel took {clock.Elapsed}; a lease renewal comes only every 20 s");
        var results = Json.Parse(await other.Http.GetStringAsync($"/api/jobs/{id}/partial-results"));
        Assert.True(results.Long("completedItems") > 0, results.ToString());
        var events = EventTypes(await stream.WaitAsync(Generous));
        Assert.Contains("job.cancelling", events);
        Assert.Equal("job.cancelled", events[^1]);
        Assert.Equal(1, events.Count(e => e == "job.cancelled"));
    }

    [PostgresServeFact]
    public async Task After_kill_9_of_the_running_node_the_other_node_recovers_the_job_by_lease()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var a = await StartNodeAsync(database, "node-a", lease: "00:00:03");
        await using var b = await StartNodeAsync(database, "node-b", lease: "00:00:03");

        var id = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(id, HasProgress, Generous);
        var runnerId = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id));
        var (runner, survivor, survivorId) = runnerId == "node-a" ? (a, b, "node-b") : (b, a, "node-a");
        runner.Process.Kill(); // SIGKILL: no shutdown, the lease is simply no longer renewed
        await runner.Process.WaitForExitAsync();

        // csv.analyze is retry-safe: requeued once the lease ran out, claimed by the survivor, run to the end.
        var job = await survivor.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled",
            TimeSpan.FromSeconds(120));

        Assert.Equal("completed", job.Text("status"));
        Assert.Equal(2, job.Long("attempt"));
        Assert.Equal(survivorId, await database.ScalarAsync<string>(
            "SELECT data->>'nodeId' FROM events WHERE job_id = @id AND type = 'job.started' ORDER BY seq DESC LIMIT 1", ("id", id)));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE job_id = @id AND type = 'job.started'", ("id", id)));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE job_id = @id AND type = 'job.requeued'", ("id", id)));
    }

    [PostgresServeFact]
    public async Task A_node_paused_past_its_lease_stops_the_run_another_node_took_over_without_writing()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var a = await StartNodeAsync(database, "node-a", lease: "00:00:03");
        await using var b = await StartNodeAsync(database, "node-b", lease: "00:00:03");

        var id = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(id, HasProgress, Generous);
        var runnerId = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id));
        var (runner, survivor, survivorId) = runnerId == "node-a" ? (a, b, "node-b") : (b, a, "node-a");
        await Signal("STOP", runner);
        try
        {
            // Frozen past its lease: the other node requeues the job and starts attempt 2.
            await survivor.WaitForJobAsync(id, j => j.Long("attempt") == 2 && j.Text("status") == "running", Generous);
            Assert.Equal(survivorId, await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id)));
        }
        finally
        {
            await Signal("CONT", runner);
        }

        var job = await survivor.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled",
            TimeSpan.FromSeconds(120));

        Assert.Equal("completed", job.Text("status"));
        Assert.Equal(2, job.Long("attempt"));
        // The thawed node's renewal found the lease gone and stopped its run without writing the job's end.
        await runner.Output.WaitForAsync(new System.Text.RegularExpressions.Regex($"Job {id} stopped without writing its end"), Generous, runner.Process);
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE job_id = @id AND type IN ('job.completed', 'job.failed', 'job.cancelled')", ("id", id)));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE job_id = @id AND type = 'job.cancel.requested'", ("id", id)));
    }

    [PostgresServeFact]
    public async Task Sigterm_of_one_node_cancels_only_its_own_job_while_the_other_node_goes_on()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        // One slot per node: the second job has to go to the node that is not busy.
        await using var a = await StartNodeAsync(database, "node-a", lease: "00:00:03", maxConcurrency: 1);
        await using var b = await StartNodeAsync(database, "node-b", lease: "00:00:03", maxConcurrency: 1);

        var first = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(first, HasProgress, Generous);
        var second = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(second, HasProgress, Generous);
        var firstRunner = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", first));
        var secondRunner = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", second));
        Assert.NotEqual(firstRunner, secondRunner);
        var (stopping, staying) = firstRunner == "node-a" ? (a, b) : (b, a);

        var exitCode = await stopping.TerminateAsync(Generous);

        Assert.True(exitCode == 0, $"exit code {exitCode}. Its last lines:\n{stopping.Output.Tail()}");
        var stopped = await staying.GetJobAsync(first);
        Assert.Equal("cancelled", stopped.Text("status"));
        Assert.Equal("system_shutdown", stopped.Text("cancellation", "reason"));
        var other = await staying.WaitForJobAsync(second, j => j.Text("status") is "completed" or "failed" or "cancelled",
            TimeSpan.FromSeconds(120));
        Assert.Equal("completed", other.Text("status"));
        Assert.Equal(1, other.Long("attempt"));
    }

    private static async Task Signal(string signal, ServeProcess node)
    {
        using var kill = Process.Start("kill", $"-{signal} {node.Process.Id}")!;
        await kill.WaitForExitAsync();
    }

    private Task<ServeProcess> StartNodeAsync(PostgresTestDatabase database, string nodeId, string lease, int maxConcurrency = 16) =>
        ServeProcess.StartNodeAsync(_dir.File(nodeId), database.ConnectionString, nodeId, new Dictionary<string, string>
        {
            ["Quell__LeaseDuration"] = lease,
            ["Quell__MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static List<string> EventTypes(string sse) =>
        [.. sse.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line["event: ".Length..].Trim())];

    public void Dispose() => _dir.Dispose();
}

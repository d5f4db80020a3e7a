using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>Three real <c>quell serve</c> nodes competing for the same jobs on one PostgreSQL database.</summary>
public sealed class ServePostgresThreeNodeTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [PostgresServeFact]
    public async Task Jobs_submitted_across_three_nodes_each_run_exactly_once()
    {
        const int Jobs = 10_000;
        await using var database = await PostgresTestDatabase.CreateAsync();
        var nodes = await StartNodesAsync(database, 3);
        try
        {
            var csv = TinyCsv();
            var clock = Stopwatch.StartNew();
            var ids = await SubmitInBatchesAsync(nodes, Jobs, csv);
            var submitted = clock.Elapsed;

            await WaitAsync(database, $"SELECT count(*) FROM jobs WHERE status IN {Terminal}", Jobs, TimeSpan.FromMinutes(5));
            output.WriteLine($"{Jobs} jobs submitted in {submitted.TotalSeconds:F1} s, all finished after {clock.Elapsed.TotalSeconds:F1} s");

            Assert.Equal(Jobs, ids.Distinct().Count());
            Assert.Equal((long)Jobs, await database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE status = 'completed'"));
            // Exactly once: one job.started and one terminal event per job, whichever node ran it.
            Assert.Equal(0L, await database.ScalarAsync<long>("""
                SELECT count(*) FROM (
                    SELECT j.id FROM jobs j LEFT JOIN events e ON e.job_id = j.id AND e.type = 'job.started'
                    GROUP BY j.id HAVING count(e.seq) <> 1) AS wrong
                """));
            Assert.Equal(0L, await database.ScalarAsync<long>("""
                SELECT count(*) FROM (
                    SELECT j.id FROM jobs j LEFT JOIN events e ON e.job_id = j.id
                         AND e.type IN ('job.completed', 'job.failed', 'job.cancelled')
                    GROUP BY j.id HAVING count(e.seq) <> 1) AS wrong
                """));
            var runners = await database.ScalarAsync<long>(
                "SELECT count(DISTINCT data->>'nodeId') FROM events WHERE type = 'job.started'");
            Assert.True(runners >= 2, $"only {runners} node(s) ran jobs");
            output.WriteLine($"{runners} nodes ran jobs: " + await database.ScalarAsync<string>(
                "SELECT string_agg(n || '=' || c, ', ' ORDER BY n) FROM (SELECT data->>'nodeId' n, count(*) c FROM events WHERE type = 'job.started' GROUP BY 1) x"));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [PostgresServeFact]
    public async Task Cancels_racing_completion_across_nodes_leave_exactly_one_terminal_event_each()
    {
        const int Jobs = 1_000;
        await using var database = await PostgresTestDatabase.CreateAsync();
        var nodes = await StartNodesAsync(database, 3);
        try
        {
            var csv = TinyCsv();
            var clock = Stopwatch.StartNew();
            using var throttle = new SemaphoreSlim(8);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Jobs).Select(async i =>
            {
                await throttle.WaitAsync();
                try
                {
                    // Submitted on one node, cancelled at once through another: pending, running or done by then.
                    var id = await nodes[i % 3].SubmitCsvAnalyzeAsync(csv);
                    using var cancel = await nodes[(i + 1) % 3].Http.PostAsync($"/api/jobs/{id}/cancel",
                        new StringContent("""{"reason":"user_requested"}""", Encoding.UTF8, "application/json"));
                    return (id, (int)cancel.StatusCode);
                }
                finally
                {
                    throttle.Release();
                }
            }));

            await WaitAsync(database, $"SELECT count(*) FROM jobs WHERE status IN {Terminal}", Jobs, TimeSpan.FromMinutes(5));
            output.WriteLine($"{Jobs} submit-and-cancel races finished after {clock.Elapsed.TotalSeconds:F1} s");

            Assert.All(outcomes, o => Assert.Contains(o.Item2, new[] { 200, 202, 409 }));
            Assert.Equal(0L, await database.ScalarAsync<long>("""
                SELECT count(*) FROM (
                    SELECT j.id FROM jobs j LEFT JOIN events e ON e.job_id = j.id
                         AND e.type IN ('job.completed', 'job.failed', 'job.cancelled')
                    GROUP BY j.id, j.status
                    HAVING count(e.seq) <> 1 OR max(e.type) <> 'job.' || j.status) AS wrong
                """));
            // 409 means it had finished before the cancel: completed, never cancelled.
            foreach (var (id, status) in outcomes.Where(o => o.Item2 == 409))
            {
                Assert.Equal("completed", await database.ScalarAsync<string>("SELECT status FROM jobs WHERE id = @id", ("id", id)));
            }
            Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE status = 'failed'"));
            output.WriteLine("outcomes: " + await database.ScalarAsync<string>(
                "SELECT string_agg(s || '=' || c, ', ' ORDER BY s) FROM (SELECT status || (CASE WHEN started_at IS NULL THEN '(never started)' ELSE '' END) s, count(*) c FROM jobs GROUP BY 1) x"));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private const string Terminal = "('completed', 'failed', 'cancelled')";

    private async Task<ServeProcess[]> StartNodesAsync(PostgresTestDatabase database, int count)
    {
        var nodes = new List<ServeProcess>();
        // Started together: their migrations race on the advisory lock.
        var starting = Enumerable.Range(0, count)
            .Select(n => ServeProcess.StartNodeAsync(_dir.File($"node-{n}"), database.ConnectionString, $"node-{n}")).ToList();
        foreach (var node in starting) nodes.Add(await node);
        return [.. nodes];
    }

    // Batches of JobSubmission.MaxBatchCount, dealt round-robin to the nodes, one batch in flight per node.
    private static async Task<string[]> SubmitInBatchesAsync(ServeProcess[] nodes, int jobs, string csv)
    {
        const int BatchSize = 1_000;
        var job = new { type = "csv.analyze", input = new { paths = new[] { csv } } };
        var batches = Enumerable.Range(0, (jobs + BatchSize - 1) / BatchSize)
            .Select(b => (IReadOnlyList<object>)Enumerable.Repeat<object>(job, Math.Min(BatchSize, jobs - b * BatchSize)).ToList())
            .ToList();
        var perNode = await Task.WhenAll(nodes.Select(async (node, n) =>
        {
            var ids = new List<string>();
            for (var b = n; b < batches.Count; b += nodes.Length) ids.AddRange(await node.SubmitBatchAsync(batches[b]));
            return ids;
        }));
        return [.. perNode.SelectMany(ids => ids)];
    }

    private static async Task WaitAsync(PostgresTestDatabase database, string countSql, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen;
        while ((seen = await database.ScalarAsync<long>(countSql)) < expected)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{seen} of {expected} jobs finished within {timeout}");
            await Task.Delay(250);
        }
    }

    private string TinyCsv()
    {
        var path = _dir.File("tiny.csv");
        File.WriteAllText(path, "id,amount\n1,2.5\n2,3.5\n");
        return path;
    }

    public void Dispose() => _dir.Dispose();
}

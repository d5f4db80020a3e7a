using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// Three real <c>quell serve</c> nodes on one PostgreSQL: the listening connections of the node running a job and of
/// the node streaming it are terminated (<c>pg_terminate_backend</c>) just as the third node records a cancel.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed class ServePostgresListenerLossTests(BigCsvFixture big, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    // Renewal comes every third of the lease, 30 s here: a cancel that lands within 10 s came through the replaced
    // listener's catch-up, not through renewal (which would still bring it, within one renewal interval).
    private const string Lease = "00:01:30";
    private static readonly TimeSpan WellWithinOneRenewal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly string[] Names = ["node-a", "node-b", "node-c"];
    private readonly TempDirectory _dir = new();

    [PostgresServeFact]
    public async Task A_cancel_sent_while_listeners_are_terminated_still_stops_the_job_and_the_other_nodes_stream_misses_nothing()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var nodes = (await Task.WhenAll(Names.Select(name => StartNodeAsync(database, name))))
            .Zip(Names).ToDictionary(pair => pair.Second, pair => pair.First);
        try
        {
            var id = await nodes["node-a"].SubmitCsvAnalyzeAsync(big.Path);
            await nodes["node-a"].WaitForJobAsync(id, HasProgress, Generous);
            var runnerName = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id));
            var others = Names.Where(name => name != runnerName).ToArray();
            var (runner, canceller, watcherName) = (nodes[runnerName], nodes[others[0]], others[1]);
            var watcher = nodes[watcherName];
            var stream = SseSubscription.Start(watcher.Http, id);
            await stream.FirstEvent.WaitAsync(Generous);

            // The timeout makes pg_terminate_backend wait until each backend is gone: no listener hears the cancel.
            var killed = await database.AdminScalarAsync(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity " +
                $"WHERE datname = '{database.Name}' AND application_name IN ('{runnerName}-listener', '{watcherName}-listener')");
            var clock = Stopwatch.StartNew();
            using var cancel = await canceller.Http.PostAsync($"/api/jobs/{id}/cancel", new StringContent(
                """{"reason":"user_requested","message":"while nobody listened"}""", Encoding.UTF8, "application/json"));
            var job = await runner.WaitForJobAsync(id, j => j.Text("status") is "cancelled" or "completed" or "failed", Generous);
            clock.Stop();
            output.WriteLine($"the job ran on {runnerName}, was cancelled through {others[0]} and streamed on {watcherName}; " +
                             $"cancel to cancelled: {clock.ElapsedMilliseconds} ms");

            Assert.Equal(2L, killed);
            Assert.Equal(202, (int)cancel.StatusCode);
            Assert.Equal("cancelled", job.Text("status"));
            Assert.Equal("user_requested", job.Text("cancellation", "reason"));
            Assert.Equal("while nobody listened", job.Text("cancellation", "message"));
            Assert.True(clock.Elapsed < WellWithinOneRenewal, $"the cancel took {clock.Elapsed}; renewal comes every 30 s");

            // Every stored event of the job, in order, once: history, then live through the replaced listener.
            await stream.Completion.WaitAsync(Generous);
            var stored = await database.ScalarAsync<long[]>(
                "SELECT array_agg(seq ORDER BY seq) FROM events WHERE job_id = @id", ("id", id));
            var received = stream.Events.Where(e => e.Id is not null).Select(e => e.Id!.Value).ToArray();
            Assert.Equal(stored, received);
            Assert.Contains(stream.Events, e => e.Type == "job.cancelling");
            Assert.Equal("job.cancelled", stream.Events[^1].Type);
            // Both nodes noticed the loss and listened again.
            var relistened = new Regex(@"Listening on \S+ again");
            await runner.Output.WaitForAsync(relistened, Generous, runner.Process);
            await watcher.Output.WaitForAsync(relistened, Generous, watcher.Process);
        }
        finally
        {
            foreach (var node in nodes.Values) await node.DisposeAsync();
        }
    }

    private static bool HasProgress(JsonElement job) =>
        job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("current").GetInt64() > 0;

    // Each node's connections carry its name, so the test can find its listener in pg_stat_activity.
    private Task<ServeProcess> StartNodeAsync(PostgresTestDatabase database, string name) =>
        ServeProcess.StartNodeAsync(_dir.File(name), database.ConnectionStringFor(name), name,
            new Dictionary<string, string> { ["Quell__LeaseDuration"] = Lease });

    public void Dispose() => _dir.Dispose();
}

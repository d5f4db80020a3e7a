using System.Text;
using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// The README's one-minute tour on a two-node cluster, walked against the node that does not run the job: watch,
/// snapshot, cancel with a reason, partial results, reconnect after an event, cancel again.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed class ServePostgresTourTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [PostgresServeFact]
    public async Task The_readme_tour_works_against_the_node_that_does_not_run_the_job()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        // A lease of a minute renews every 20 s, so the cancel below reaches the runner by NOTIFY.
        await using var a = await StartNodeAsync(database, "node-a");
        await using var b = await StartNodeAsync(database, "node-b");

        // Submit: either node may claim the job (submitting on a non-runner is the three-node tests' daily bread).
        var id = await a.SubmitCsvAnalyzeAsync(big.Path);
        await a.WaitForJobAsync(id, j => j.Text("status") == "running", Generous);
        var runnerId = await database.ScalarAsync<string>("SELECT lease_owner FROM jobs WHERE id = @id", ("id", id));
        var tour = runnerId == "node-a" ? b : a;

        // Watch: history, then the runner's events as they commit.
        var watch = SseSubscription.Start(tour.Http, id);
        await watch.FirstEvent.WaitAsync(Generous);
        // Progress as a snapshot, from the store the runner writes to.
        var snapshot = await tour.WaitForJobAsync(id, HasProgress, Generous);
        Assert.Equal("running", snapshot.Text("status"));

        // Stop it, with a reason and a message.
        using var cancel = await PostCancelAsync(tour, id);
        Assert.Equal(202, (int)cancel.StatusCode);
        Assert.Equal("cancelling", Json.Parse(await cancel.Content.ReadAsStringAsync()).Text("status"));
        await watch.Completion.WaitAsync(Generous);
        var job = await tour.GetJobAsync(id);
        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("wrong file", job.Text("cancellation", "message"));
        Assert.Equal("job.cancelled", watch.Events[^1].Type);

        // What it finished before it stopped.
        var results = Json.Parse(await tour.Http.GetStringAsync($"/api/jobs/{id}/partial-results"));
        Assert.True(results.Long("completedItems") > 0, results.ToString());

        // Reconnect after a given event: only the later ones.
        var stored = watch.Events.Where(e => e.Id is not null).Select(e => e.Id!.Value).ToArray();
        var after = stored[stored.Length / 2];
        var reconnect = SseSubscription.Start(tour.Http, id, lastEventId: after);
        await reconnect.Completion.WaitAsync(Generous);
        Assert.Equal(stored.Where(seq => seq > after), reconnect.Events.Where(e => e.Id is not null).Select(e => e.Id!.Value));

        // Cancel again: 409, already cancelled.
        using var again = await PostCancelAsync(tour, id);
        Assert.Equal(409, (int)again.StatusCode);
        var problem = Json.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal("Job already cancelled", problem.Text("title"));
        Assert.Equal("cancelled", problem.Text("jobStatus"));
    }

    private static Task<HttpResponseMessage> PostCancelAsync(ServeProcess node, string id) =>
        node.Http.PostAsync($"/api/jobs/{id}/cancel", new StringContent(
            """{"reason":"user_requested","message":"wrong file"}""", Encoding.UTF8, "application/json"));

    private static bool HasProgress(JsonElement job) =>
        job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("current").GetInt64() > 0;

    private Task<ServeProcess> StartNodeAsync(PostgresTestDatabase database, string nodeId) =>
        ServeProcess.StartNodeAsync(_dir.File(nodeId), database.ConnectionString, nodeId,
            new Dictionary<string, string> { ["Quell__LeaseDuration"] = "00:01:00" });

    public void Dispose() => _dir.Dispose();
}

using System.Text.Json;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary><c>quell serve</c> as a real process: graceful SIGTERM, and recovery after kill -9.</summary>
[Collection(BigCsvCollection.Name)]
public sealed class ServeCommandTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    private string Data => _dir.File("data");

    private static bool HasProgress(JsonElement job) =>
        job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty("current").GetInt64() > 0;

    [ServeFact]
    public async Task Sigterm_mid_job_cancels_it_as_system_shutdown_keeps_partial_results_and_exits_0()
    {
        string id;
        await using (var serve = await ServeProcess.StartAsync(Data))
        {
            id = await serve.SubmitCsvAnalyzeAsync(big.Path);
            await serve.WaitForJobAsync(id, HasProgress, Generous);
            // Reading the data directory works beside the running server; writing needs the directory to itself.
            var live = await Infrastructure.Quell.RunAsync("jobs", "show", id, "--data", Data, "--json");
            Assert.True(live.ExitCode == 0, live.ToString());
            Assert.Equal("running", Json.Parse(live.Stdout).Text("status"));
            var cancel = await Infrastructure.Quell.RunAsync("jobs", "cancel", id, "--data", Data);
            Assert.True(cancel.ExitCode == 1, cancel.ToString());
            Assert.Contains("--server", cancel.ToString(), StringComparison.Ordinal);

            var exitCode = await serve.TerminateAsync(Generous);

            Assert.True(exitCode == 0, $"exit code {exitCode}. Its last lines:\n{serve.Output.Tail()}");
        }

        var show = await Infrastructure.Quell.RunAsync("jobs", "show", id, "--data", Data, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var job = Json.Parse(show.Stdout);
        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("system_shutdown", job.Text("cancellation", "reason"));
        var results = await Infrastructure.Quell.RunAsync("jobs", "results", id, "--data", Data, "--json");
        Assert.True(results.ExitCode == 0, results.ToString());
        Assert.True(Json.Parse(results.Stdout).Long("completedItems") > 0, results.Stdout);
    }

    [ServeFact]
    public async Task After_kill_9_a_restarted_server_reruns_the_retry_safe_job_to_completion()
    {
        string id;
        int port;
        await using (var serve = await ServeProcess.StartAsync(Data))
        {
            port = serve.Port;
            id = await serve.SubmitCsvAnalyzeAsync(big.Path);
            await serve.WaitForJobAsync(id, HasProgress, Generous);
            await Task.Delay(TimeSpan.FromSeconds(2)); // partial results are persisted about once a second

            serve.Process.Kill();
            await serve.Process.WaitForExitAsync();
        }

        // Between the crash and the restart, the store still holds what the first attempt finished.
        var saved = await Infrastructure.Quell.RunAsync("jobs", "results", id, "--data", Data, "--json");
        Assert.True(saved.ExitCode == 0, saved.ToString());
        Assert.True(Json.Parse(saved.Stdout).Long("completedItems") > 0, saved.Stdout);
        var stranded = Json.Parse((await Infrastructure.Quell.RunAsync("jobs", "show", id, "--data", Data, "--json")).Stdout);
        Assert.Equal("running", stranded.Text("status"));

        await using (var restarted = await ServeProcess.StartAsync(Data, port))
        {
            var job = await restarted.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled",
                TimeSpan.FromSeconds(120));

            Assert.Equal("completed", job.Text("status"));
            Assert.Equal(2, job.Long("attempt"));
        }
        var events = await Infrastructure.Quell.RunAsync("jobs", "events", id, "--data", Data, "--json");
        Assert.Contains("\"job.requeued\"", events.Stdout);
    }

    public void Dispose() => _dir.Dispose();
}

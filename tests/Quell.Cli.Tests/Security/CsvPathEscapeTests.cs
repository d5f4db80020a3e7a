using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Security;

/// <summary>
/// <c>csv.analyze</c> on a real <c>quell serve</c>, over HTTP and over MCP, asked for files that lie outside its
/// allowed roots by way of links, <c>..</c> and <c>/proc</c>: each is refused by name, and no byte of the target
/// reaches the job document, its events or its partial results.
/// </summary>
public sealed class CsvPathEscapeTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // The server's environment carries this marker: /proc/self/environ would show it.
    private const string EnvironmentMarker = "quell-environment-marker-5f1c";

    // Outside the allowed roots (the temp directory): a file whose lines would become column names and top values.
    private readonly string _secret = Path.Combine("/var/tmp", $"quell-secret-{Guid.NewGuid():N}.csv");
    private const string SecretText = "secret_column,password\nhunter2-outside,swordfish-outside\n";

    private readonly TempDirectory _dir = new();
    private ServeProcess _serve = null!;

    private string Data => _dir.File("data");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_secret, SecretText);
        _serve = await ServeProcess.StartAsync(Data, environment: new Dictionary<string, string> { ["QUELL_TEST_MARKER"] = EnvironmentMarker });
    }

    /// <summary>Paths that name, one way or another, a file outside the roots.</summary>
    private IEnumerable<string> EscapingPaths()
    {
        var fileLink = Path.Combine(Data, "orders-link.csv");
        File.CreateSymbolicLink(fileLink, _secret);
        var directoryLink = Path.Combine(Data, "elsewhere");
        Directory.CreateSymbolicLink(directoryLink, Path.GetDirectoryName(_secret)!);
        return
        [
            fileLink,
            Path.Combine(directoryLink, Path.GetFileName(_secret)),
            Path.Combine(Data, "..", "..", "..", "..", "..", "..", "..", _secret.TrimStart('/')),
            "/proc/self/environ",
            "/etc/passwd",
        ];
    }

    [ServeFact]
    public async Task Over_http_every_escaping_path_fails_by_name_and_leaks_nothing()
    {
        foreach (var path in EscapingPaths())
        {
            var id = await _serve.SubmitCsvAnalyzeAsync(path);
            var job = await _serve.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled", Generous);

            Assert.Equal("failed", job.Text("status"));
            Assert.Contains($"{path}: outside the directories this server may read (Quell:Csv:AllowedRoots)", job.ToString(), StringComparison.Ordinal);
            await AssertNothingLeakedAsync(id);
        }
    }

    [ServeFact]
    public async Task Over_mcp_the_analyze_csv_tool_obeys_the_same_rule()
    {
        foreach (var path in EscapingPaths())
        {
            var call = await Infrastructure.Quell.RunAsync("mcp", "call", "--url", $"http://127.0.0.1:{_serve.Port}/mcp",
                "analyze_csv", "--args", System.Text.Json.JsonSerializer.Serialize(new { paths = new[] { path } }));

            AssertClean(call.ToString(), path);
            Assert.Contains("outside the directories this server may read", call.ToString(), StringComparison.Ordinal);
            var newest = Json.Parse(await _serve.Http.GetStringAsync("/api/jobs?limit=1")).GetProperty("items")[0];
            Assert.Equal("failed", newest.Text("status"));
            Assert.Contains("(Quell:Csv:AllowedRoots)", newest.ToString(), StringComparison.Ordinal);
            await AssertNothingLeakedAsync(newest.Text("id"));
        }
    }

    [ServeFact]
    public async Task A_link_to_a_file_inside_the_roots_is_still_analysed()
    {
        var real = _dir.File("inside.csv");
        await File.WriteAllTextAsync(real, "a,b\n1,2\n");
        var link = Path.Combine(_dir.Path, "inside-link.csv");
        File.CreateSymbolicLink(link, real);

        var id = await _serve.SubmitCsvAnalyzeAsync(link);
        var job = await _serve.WaitForJobAsync(id, j => j.Text("status") is "completed" or "failed" or "cancelled", Generous);

        Assert.Equal("completed", job.Text("status"));
    }

    private async Task AssertNothingLeakedAsync(string id)
    {
        var job = await _serve.Http.GetStringAsync($"/api/jobs/{id}");
        var results = await _serve.Http.GetStringAsync($"/api/jobs/{id}/partial-results");
        // The job is finished, so its event stream ends after the terminal event.
        var events = await _serve.Http.GetStringAsync($"/api/jobs/{id}/events");
        Assert.Contains("job.failed", events, StringComparison.Ordinal);
        foreach (var text in (string[])[job, results, events]) AssertClean(text, id);
    }

    private static void AssertClean(string text, string context)
    {
        foreach (var secret in (string[])["hunter2", "swordfish", "secret_column", EnvironmentMarker, "root:x:0:0", "/bin/bash", "PATH="])
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{context}: '{secret}' leaked in:\n{text}");
        }
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _dir.Dispose();
        File.Delete(_secret);
    }
}

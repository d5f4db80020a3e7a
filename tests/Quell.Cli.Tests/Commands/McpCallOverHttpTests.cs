using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// <c>quell mcp call --url …/mcp</c> against a real <c>quell serve</c> over Streamable HTTP. The SDK's client sends no
/// <c>notifications/cancelled</c> over HTTP; <c>quell mcp call</c> sends it itself, and the server stops the job.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed partial class McpCallOverHttpTests(BigCsvFixture big) : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new();
    private ServeProcess _serve = null!;

    private string Url => $"http://127.0.0.1:{_serve.Port}/mcp";

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync(_dir.File("data"));

    [ServeFact]
    public async Task A_small_file_completes_with_its_stats_and_exit_0()
    {
        var small = _dir.File("small.csv");
        Assert.Equal(0, (await Infrastructure.Quell.RunAsync("demo", "csv", "--rows", "700", "--out", small)).ExitCode);

        var result = await Infrastructure.Quell.RunAsync("mcp", "call", "--url", Url, "analyze_csv", "--args", $$"""{"paths":["{{small}}"]}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        var jobId = JobCompleted().Match(result.Stdout) is { Success: true } match ? match.Groups["id"].Value : throw new Xunit.Sdk.XunitException(result.ToString());
        Assert.Contains("700", result.Stdout);
        var job = await _serve.GetJobAsync(jobId);
        Assert.Equal("completed", job.Text("status"));
    }

    [ServeFact]
    public async Task Ctrl_c_sends_the_cancel_over_http_and_the_server_stops_the_job_as_user_requested()
    {
        var args = $$"""{"paths":["{{big.Path}}"]}""";
        using var terminal = PseudoTerminal.Start($"dotnet '{Infrastructure.Quell.Dll}' mcp call --url {Url} analyze_csv --args '{args}'");
        var output = terminal.Output;
        await output.WaitForAsync(RowsSeen(), Generous, terminal.Process);

        await terminal.PressCtrlCAsync();

        var exitCode = await terminal.WaitForExitAsync(Generous);
        Assert.True(exitCode == 130, $"exit code {exitCode}. The terminal's last lines:\n{output.Tail()}");
        Assert.Contains("cancelled (Cancelled from the terminal (Ctrl+C))", output.Text);
        var jobId = JobCancelled().Match(output.Text) is { Success: true } match ? match.Groups["id"].Value : throw new Xunit.Sdk.XunitException(output.Text);
        Assert.Contains("Partial results", output.Text);
        var job = await _serve.WaitForJobAsync(jobId, j => j.Text("status") is "cancelled" or "completed" or "failed", Generous);
        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("user_requested", job.Text("cancellation", "reason"));
        Assert.Equal("Cancelled from the terminal (Ctrl+C)", job.Text("cancellation", "message"));
    }

    [ServeFact]
    public async Task A_url_that_is_not_http_is_a_usage_error()
    {
        var result = await Infrastructure.Quell.RunAsync("mcp", "call", "--url", "not a url", "list_jobs");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--url must be an http(s) URL", result.Stderr);
    }

    // The live bar's description, the job's message "big.csv: 1,234 rows", once some rows are done.
    [GeneratedRegex(@"big\.csv: [1-9][0-9,]* rows")]
    private static partial Regex RowsSeen();

    [GeneratedRegex(@"Job (?<id>[0-9a-f]{32}) cancelled\.")]
    private static partial Regex JobCancelled();

    [GeneratedRegex(@"Job (?<id>[0-9a-f]{32}) completed\.")]
    private static partial Regex JobCompleted();

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _dir.Dispose();
    }
}

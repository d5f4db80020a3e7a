using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// <c>quell mcp call</c> against a real <c>quell mcp</c> child process; Ctrl+C is typed into a pseudo-terminal
/// (<c>script</c>), so the terminal driver sends SIGINT exactly as it does for a person.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed partial class McpCallCommandTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new();

    private string Data => _dir.File("data");

    private string Server => $"dotnet '{Infrastructure.Quell.Dll}' mcp --data '{Data}'";

    [Fact]
    public async Task Ctrl_c_sends_the_cancel_and_the_job_stops_as_user_requested()
    {
        var args = $$"""{"paths":["{{big.Path}}"]}""";
        using var terminal = PseudoTerminal.Start($"dotnet '{Infrastructure.Quell.Dll}' mcp call --command \"{Server}\" analyze_csv --args '{args}'");
        var output = terminal.Output;
        await output.WaitForAsync(RowsSeen(), Generous, terminal.Process);

        await terminal.PressCtrlCAsync();

        var exitCode = await terminal.WaitForExitAsync(Generous);
        Assert.True(exitCode == 130, $"exit code {exitCode}. The terminal's last lines:\n{output.Tail()}");
        Assert.Contains("cancelled (Cancelled from the terminal (Ctrl+C))", output.Text);
        var jobId = JobCancelled().Match(output.Text) is { Success: true } match ? match.Groups["id"].Value : throw new Xunit.Sdk.XunitException(output.Text);
        Assert.Contains("Partial results", output.Text);

        var show = await Infrastructure.Quell.RunAsync("jobs", "show", jobId, "--data", Data, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var job = Json.Parse(show.Stdout);
        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("user_requested", job.Text("cancellation", "reason"));
        Assert.Equal("Cancelled from the terminal (Ctrl+C)", job.Text("cancellation", "message"));
    }

    [Fact]
    public async Task A_small_file_completes_with_its_stats_and_exit_0()
    {
        var small = _dir.File("small.csv");
        Assert.Equal(0, (await Infrastructure.Quell.RunAsync("demo", "csv", "--rows", "500", "--out", small)).ExitCode);

        var result = await Infrastructure.Quell.RunAsync("mcp", "call", "--command", Server, "analyze_csv", "--args", $$"""{"paths":["{{small}}"]}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Job [0-9a-f]{32} completed\.", result.Stdout);
        Assert.Contains("500", result.Stdout);
    }

    [Fact]
    public async Task The_timeout_cancels_the_call_with_reason_timeout_and_exits_124()
    {
        var result = await Infrastructure.Quell.RunAsync("mcp", "call", "--command", Server, "analyze_csv",
            "--args", $$"""{"paths":["{{big.Path}}"]}""", "--timeout", "2");

        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.Contains("timed out and was cancelled (timeout: still running after 2 s)", result.Stdout);
        Assert.Contains("Partial results", result.Stdout);
    }

    [Fact]
    public async Task A_tool_error_exits_1_and_bad_args_json_exits_2()
    {
        var error = await Infrastructure.Quell.RunAsync("mcp", "call", "--command", Server, "get_job", "--args", """{"id":"nope"}""");
        Assert.True(error.ExitCode == 1, error.ToString());
        Assert.Contains("get_job failed: No job 'nope'", error.Stderr);

        var bad = await Infrastructure.Quell.RunAsync("mcp", "call", "--command", Server, "analyze_csv", "--args", "{\"paths\": [");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--args is not valid JSON", bad.Stderr);

        var neither = await Infrastructure.Quell.RunAsync("mcp", "call", "list_jobs");
        Assert.Equal(2, neither.ExitCode);
    }

    // The live bar's description, the job's message "big.csv: 1,234 rows", once some rows are done.
    [GeneratedRegex(@"big\.csv: [1-9][0-9,]* rows")]
    private static partial Regex RowsSeen();

    [GeneratedRegex(@"Job (?<id>[0-9a-f]{32}) cancelled\.")]
    private static partial Regex JobCancelled();

    public void Dispose() => _dir.Dispose();
}

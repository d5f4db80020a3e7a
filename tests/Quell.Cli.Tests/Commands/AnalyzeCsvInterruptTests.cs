using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary>
/// Ctrl+C in a real terminal: quell runs under a pseudo-terminal (<c>script</c>), and the test types Ctrl+C into it,
/// so the terminal driver sends SIGINT exactly as it does for a person.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed partial class AnalyzeCsvInterruptTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    private string Data => _dir.File("data");

    [Fact]
    public async Task First_ctrl_c_cancels_the_job_as_user_requested_and_prints_its_partial_results()
    {
        using var terminal = PseudoTerminal.Start($"dotnet '{Infrastructure.Quell.Dll}' analyze-csv '{big.Path}' --data '{Data}'");
        var output = terminal.Output;
        var jobId = (await output.WaitForAsync(JobLine(), Generous, terminal.Process)).Groups["id"].Value;
        await output.WaitForAsync(RowsSeen(), Generous, terminal.Process);

        await terminal.PressCtrlCAsync();

        var exitCode = await terminal.WaitForExitAsync(Generous);
        Assert.True(exitCode == 130, $"exit code {exitCode}. The terminal's last lines:\n{output.Tail()}");
        Assert.Contains("cancelled", output.Text);
        Assert.Contains("Partial results", output.Text);

        var show = await Infrastructure.Quell.RunAsync("jobs", "show", jobId, "--data", Data, "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var job = Json.Parse(show.Stdout);
        Assert.Equal("cancelled", job.Text("status"));
        Assert.Equal("user_requested", job.Text("cancellation", "reason"));
        Assert.Equal("Cancelled from the terminal (Ctrl+C)", job.Text("cancellation", "message"));

        var results = await Infrastructure.Quell.RunAsync("jobs", "results", jobId, "--data", Data, "--json");
        Assert.True(results.ExitCode == 0, results.ToString());
        var partial = Json.Parse(results.Stdout);
        Assert.InRange(partial.Long("completedItems"), 1, BigCsvFixture.Rows - 1);
        Assert.Equal("partial", partial.Text("status"));
    }

    [GeneratedRegex(@"Job (?<id>[0-9a-f]{32}): analysing")]
    private static partial Regex JobLine();

    // The live description, "big.csv: 1,234 rows, 5,678 rows/s", once some rows are done.
    [GeneratedRegex(@"big\.csv: [1-9][0-9,]* rows")]
    private static partial Regex RowsSeen();

    public void Dispose() => _dir.Dispose();
}

using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

public sealed class AnalyzeCsvCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    private string Small => _dir.File("small.csv");

    private string Data => _dir.File("data");

    public async Task InitializeAsync()
    {
        var demo = await Infrastructure.Quell.RunAsync("demo", "csv", "--rows", "2000", "--out", Small);
        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    [Fact]
    public async Task Analyze_csv_completes_prints_stats_and_records_the_job_in_the_history()
    {
        var result = await Infrastructure.Quell.RunAsync("analyze-csv", Small, "--data", Data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("completed", result.Stdout);
        Assert.Contains("amount", result.Stdout); // a column of the demo data
        Assert.Contains("2,000", result.Stdout);

        var list = await Infrastructure.Quell.RunAsync("jobs", "list", "--data", Data, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var page = Json.Parse(list.Stdout);
        var job = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("csv.analyze", job.Text("type"));
        Assert.Equal("completed", job.Text("status"));
        Assert.Equal(1, page.Long("total"));
    }

    [Fact]
    public async Task Under_a_pipe_progress_is_plain_lines_without_escape_codes()
    {
        var result = await Infrastructure.Quell.RunAsync("analyze-csv", Small, "--data", Data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("progress", result.Stdout);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    [Fact]
    public async Task Json_prints_the_finished_job_document()
    {
        var result = await Infrastructure.Quell.RunAsync("analyze-csv", Small, "--data", Data, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = Json.Parse(result.Stdout);
        Assert.Equal("completed", job.Text("status"));
        Assert.Equal(2000, job.GetProperty("result").Long("totalRows"));
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_a_failed_item_of_the_job()
    {
        var missing = _dir.File("missing.csv");

        var result = await Infrastructure.Quell.RunAsync("analyze-csv", Small, missing, "--data", Data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("missing.csv", result.Stdout);
        Assert.Contains("failed", result.Stdout);
    }

    [Fact]
    public async Task Analyze_csv_without_files_is_a_usage_error()
    {
        var result = await Infrastructure.Quell.RunAsync("analyze-csv", "--data", Data);

        Assert.Equal(2, result.ExitCode);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

public sealed class JobsCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private string _jobId = "";

    private string Data => _dir.File("data");

    public async Task InitializeAsync()
    {
        var small = _dir.File("small.csv");
        Assert.Equal(0, (await Infrastructure.Quell.RunAsync("demo", "csv", "--rows", "500", "--out", small)).ExitCode);
        var run = await Infrastructure.Quell.RunAsync("analyze-csv", small, "--data", Data, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        _jobId = Json.Parse(run.Stdout).Text("id");
    }

    [Fact]
    public async Task Show_of_an_unknown_job_exits_1_with_a_clear_message()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "show", "unknown", "--data", Data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Job unknown not found", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
    }

    [Fact]
    public async Task Show_json_has_the_api_shape()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "show", _jobId, "--data", Data, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = Json.Parse(result.Stdout);
        Assert.Equal(_jobId, job.Text("id"));
        Assert.Equal("completed", job.Text("status"));
        Assert.Equal(1, job.Long("attempt"));
        Assert.False(job.TryGetProperty("owner", out _)); // the API keeps the owner server-side
    }

    [Fact]
    public async Task Cancel_of_a_finished_job_is_refused_with_its_state()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "cancel", _jobId, "--data", Data, "--reason", "user_requested");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Job already completed", result.Stderr);
    }

    [Fact]
    public async Task Cancel_with_an_unknown_reason_names_the_valid_ones()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "cancel", _jobId, "--data", Data, "--reason", "bored");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("user_requested", result.Stderr);
    }

    [Fact]
    public async Task Events_lists_the_history_from_created_to_completed()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "events", _jobId, "--data", Data, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var types = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Json.Parse(line).Text("type")).ToList();
        Assert.Equal("job.created", types[0]);
        Assert.Contains("job.started", types);
        Assert.Equal("job.completed", types[^1]);
    }

    [Fact]
    public async Task Show_prints_a_table_for_people()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "show", _jobId, "--data", Data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("csv.analyze", result.Stdout);
        Assert.Contains("completed", result.Stdout);
    }

    [Fact]
    public async Task A_data_directory_that_does_not_exist_is_an_error_not_an_empty_store()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "list", "--data", _dir.File("nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no Quell data directory", result.Stderr);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_error_line()
    {
        var result = await Infrastructure.Quell.RunAsync("jobs", "list", "--server", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error:", result.Stderr.Trim());
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

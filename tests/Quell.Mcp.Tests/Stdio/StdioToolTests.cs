using System.Text.Json;
using Quell.Csv;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Stdio;

/// <summary><c>quell mcp</c> as a real child process, driven by the SDK's client over stdio.</summary>
public sealed class StdioToolTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_tools_are_listed_with_input_schemas()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);

        var tools = await session.Client.ListToolsAsync();

        Assert.Equal(
            ["analyze_csv", "cancel_job", "get_job", "get_partial_results", "list_jobs", "run_workflow"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var analyze = tools.Single(t => t.Name == "analyze_csv").JsonSchema;
        Assert.Equal("array", analyze.GetProperty("properties").GetProperty("paths").GetProperty("type").GetString());
        Assert.Contains("paths", analyze.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var cancel = tools.Single(t => t.Name == "cancel_job").JsonSchema.GetProperty("properties");
        Assert.True(cancel.TryGetProperty("id", out _) && cancel.TryGetProperty("reason", out _) && cancel.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Analyze_csv_on_a_small_file_answers_with_its_stats_and_the_job_shows_in_quell_jobs()
    {
        var file = _data.File("small.csv");
        await DemoCsv.WriteAsync(file, 1_000);
        string jobId;
        await using (var session = await QuellMcpSession.StartStdioAsync(_data.Path))
        {
            var result = await session.CallJsonAsync("analyze_csv", new { paths = new[] { file } });

            Assert.Equal("completed", result.GetProperty("status").GetString());
            Assert.Equal(1_000, result.GetProperty("result").GetProperty("totalRows").GetInt64());
            Assert.Equal(0, result.GetProperty("result").GetProperty("failedFiles").GetInt32());
            jobId = result.GetProperty("jobId").GetString()!;
            var job = await session.CallJsonAsync("get_job", new { id = jobId });
            Assert.Equal("local", job.GetProperty("owner").GetString());
        }

        // The SQLite store allows one process per data directory: quell mcp has exited now.
        var shown = await QuellProcess.RunJsonAsync("jobs", "show", jobId, "--data", _data.Path, "--json");
        Assert.Equal("completed", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_job_of_a_finished_job_is_a_clear_error_result()
    {
        var file = _data.File("small.csv");
        await DemoCsv.WriteAsync(file, 100);
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        var jobId = (await session.CallJsonAsync("analyze_csv", new { paths = new[] { file } })).GetProperty("jobId").GetString();

        var result = await session.CallAsync("cancel_job", new { id = jobId });

        Assert.True(result.IsError);
        Assert.Contains("already completed", QuellMcpSession.Text(result), StringComparison.Ordinal);
        Assert.Equal("completed", result.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_jobs_and_bad_input_are_error_results_not_protocol_errors()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);

        var unknown = await session.CallAsync("get_job", new { id = "no-such-job" });
        var noPaths = await session.CallAsync("analyze_csv", new { paths = Array.Empty<string>() });
        var badReason = await session.CallAsync("cancel_job", new { id = "x", reason = "bored" });

        Assert.True(unknown.IsError);
        Assert.Contains("No job 'no-such-job'", QuellMcpSession.Text(unknown), StringComparison.Ordinal);
        Assert.True(noPaths.IsError);
        Assert.Contains("paths", QuellMcpSession.Text(noPaths), StringComparison.Ordinal);
        Assert.True(badReason.IsError);
        Assert.Contains("user_requested", QuellMcpSession.Text(badReason), StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}

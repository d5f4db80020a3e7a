using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Workflows;

/// <summary>
/// <c>quell workflow run</c> and <c>replay</c> as real processes on the sample workflow, whose tools come from the
/// sample feedback tool server (started by the run from its build output, relative to the repository root).
/// </summary>
public sealed partial class WorkflowCommandTests : IDisposable
{
    private const string Sample = "samples/workflows/feedback-analysis.yaml";
    private const string Input = """{"period": "this week", "source": "demo"}""";
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new();

    private string Data => _dir.File("data");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_sample_runs_to_success_and_replay_prints_the_same_elements()
    {
        var run = await RunAsync("workflow", "run", Sample, "--input", Input, "--data", Data, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var view = JsonDocument.Parse(run.Stdout);
        Assert.Equal("success", view.RootElement.GetProperty("outcome").GetString());
        var elements = Elements(view.RootElement);
        Assert.Contains(("generate_report", "completed"), elements);
        Assert.Contains(("count_channels", "completed"), elements);
        Assert.DoesNotContain(elements, e => e.Id == "task_c");
        // The scripted model is labelled as such in the view (lines on standard error with --json) and every message.
        Assert.Contains("analyze_sentiment (scripted, complete): Customer sentiment", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("generate_report: tool #5 publish_report complete", run.Stderr, StringComparison.Ordinal);
        Assert.All(view.RootElement.GetProperty("messages").EnumerateArray(),
            m => Assert.True(m.GetProperty("model").GetProperty("scripted").GetBoolean()));
        // generate_report called all five tools of the sample server, and each answered.
        var reportTools = view.RootElement.GetProperty("toolCalls").EnumerateArray()
            .Where(c => c.GetProperty("elementId").GetString() == "generate_report").ToList();
        Assert.Equal(["fetch_data", "analyze_sentiment", "extract_keywords", "generate_report", "publish_report"],
            reportTools.Select(c => c.GetProperty("tool").GetString()));
        Assert.All(reportTools, c => Assert.Equal("complete", c.GetProperty("status").GetString()));

        var runId = view.RootElement.GetProperty("runId").GetString()!;
        var replay = await RunAsync("workflow", "replay", runId, "--data", Data, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        using var replayed = JsonDocument.Parse(replay.Stdout);
        Assert.Equal(elements, Elements(replayed.RootElement.GetProperty("run")));
        Assert.Contains(replayed.RootElement.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("type").GetString() == "workflow.finished");

        var text = await RunAsync("workflow", "replay", runId, "--data", Data);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("workflow.started", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Run {runId} finished: success.", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_while_a_task_streams_cancels_that_task_and_the_run_ends_failed_with_its_partial_result()
    {
        using var terminal = PseudoTerminal.Start(
            $"dotnet '{Infrastructure.Quell.Dll}' workflow run {Sample} --data '{Data}' --input '{Input}'", workingDirectory: Root);
        var output = terminal.Output;
        var runId = (await output.WaitForAsync(RunLine(), Generous, terminal.Process)).Groups["id"].Value;
        await output.WaitForAsync(SentimentStreaming(), Generous, terminal.Process);

        await terminal.PressCtrlCAsync();

        var exitCode = await terminal.WaitForExitAsync(Generous);
        // Each check names itself first, then shows the terminal's last lines (its last frame and the summary).
        Assert.True(exitCode == 1, $"exit code {exitCode}, expected 1. The terminal's last lines:\n{output.Tail(40)}");
        Assert.True(output.Text.Contains($"Run {runId} finished: failed", StringComparison.Ordinal),
            $"No 'Run {runId} finished: failed'. The terminal's last lines:\n{output.Tail(40)}");
        Assert.True(output.Text.Contains("Partial result of analyze_sentiment", StringComparison.Ordinal),
            $"No partial result of analyze_sentiment. The terminal's last lines:\n{output.Tail(40)}");

        var replay = await RunAsync("workflow", "replay", runId, "--data", Data, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        using var replayed = JsonDocument.Parse(replay.Stdout);
        var run = replayed.RootElement.GetProperty("run");
        string Context(string check) =>
            $"{check}. Elements: {string.Join(", ", Elements(run).Select(e => $"{e.Id} {e.Status}"))}.\n" +
            $"The terminal's last lines:\n{output.Tail(40)}\nThe replayed run:\n{replay.Stdout}";
        Assert.True(run.GetProperty("outcome").GetString() == "failed", Context("The run's outcome is not failed"));
        var sentiment = run.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("elementId").GetString() == "analyze_sentiment");
        Assert.True(sentiment.GetProperty("status").GetString() == "cancelled", Context("analyze_sentiment is not cancelled"));
        Assert.True(sentiment.GetProperty("cancelRequest").GetProperty("reason").GetString() == "user_requested",
            Context("analyze_sentiment's cancel reason is not user_requested"));
        Assert.True(sentiment.GetProperty("partialResult").GetProperty("tokens_used").GetInt64() > 0,
            Context("analyze_sentiment's partial result used no tokens"));
        // Its path stopped; the parallel branch went on.
        Assert.True(Elements(run).Contains(("count_channels", "completed")), Context("count_channels did not complete"));
        Assert.True(!Elements(run).Any(e => e.Id == "extract_keywords"), Context("extract_keywords ran"));
    }

    [Fact]
    public async Task A_broken_file_is_refused_with_its_located_error_and_nothing_runs()
    {
        var file = _dir.File("broken.yaml");
        await File.WriteAllTextAsync(file, "id: broken\nelements:\n  - id: start\n    type: NoSuchType\nflows: []\n");
        var result = await RunAsync("workflow", "run", file, "--data", Data);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:4:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("start", result.Stderr, StringComparison.Ordinal);
    }

    private static List<(string Id, string Status)> Elements(JsonElement run) =>
        [.. run.GetProperty("elements").EnumerateArray().Select(e => (e.GetProperty("elementId").GetString()!, e.GetProperty("status").GetString()!))];

    private static string Root => Infrastructure.Quell.RepositoryRoot;

    // The sample's tool server is started relative to the working directory: run from the repository root.
    private static Task<QuellResult> RunAsync(params string[] args)
    {
        var info = Infrastructure.Quell.StartInfo(args);
        info.WorkingDirectory = Root;
        return Infrastructure.Quell.RunAsync(info, Generous);
    }

    [GeneratedRegex(@"Run (?<id>[0-9a-f]{32}): workflow")]
    private static partial Regex RunLine();

    // The live table's row of analyze_sentiment once its text streams.
    [GeneratedRegex(@"analyze_sentiment[^\n]*streaming")]
    private static partial Regex SentimentStreaming();
}

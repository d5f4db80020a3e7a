using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Jobs;
using Quell.Mcp.Calls;

namespace Quell.Mcp.Tools;

/// <summary><c>analyze_csv</c>: runs <c>csv.analyze</c> and answers with its statistics.</summary>
[McpServerToolType]
internal sealed class AnalyzeCsvTool(JobCallRunner runner)
{
    public const string JobType = "csv.analyze";

    [McpServerTool(Name = "analyze_csv", Title = "Analyse CSV files", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Streams CSV files and returns per-column statistics (the csv.analyze job). Long files report progress "
        + "when the request has a progress token; cancelling the request cancels the job, which keeps its partial "
        + "results (get_partial_results).")]
    public async Task<CallToolResult> AnalyzeCsvAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("Paths of the CSV files to analyse, in order (absolute, or relative to the server's working directory).")]
        string[] paths,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(paths);
        // Full paths, as the CLI does: the job's record may be read (and retried) from another directory.
        var input = new JsonObject { ["paths"] = new JsonArray([.. paths.Select(path => JsonValue.Create(FullPath(path)))]) };
        var submission = new JobSubmission(JobType, JsonSerializer.SerializeToElement(input), McpCaller.Owner(request));
        JobRecord job;
        try
        {
            job = await runner.RunAsync(request, submission, cancellationToken).ConfigureAwait(false);
        }
        catch (JobSubmissionException e)
        {
            return ToolResults.Error(e.Message);
        }
        return JobOutcome.ToResult(job);
    }

    private static string FullPath(string path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);
}

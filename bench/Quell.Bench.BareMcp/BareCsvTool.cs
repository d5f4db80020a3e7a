using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Csv;
using Quell.Hosting;

namespace Quell.Bench.BareMcp;

/// <summary>
/// <c>analyze_csv</c> as a bare SDK tool: the same <see cref="CsvAnalyzeJob"/> code Quell runs, called directly with
/// the request's <see cref="IProgress{T}"/> and <see cref="CancellationToken"/>: no job runtime, no store.
/// </summary>
[McpServerToolType]
internal sealed class BareCsvTool
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [McpServerTool(Name = "analyze_csv", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Streams CSV files and returns per-column statistics; reports progress on every chunk and stops when cancelled.")]
    public static async Task<CallToolResult> AnalyzeCsvAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("Paths of the CSV files to analyse, in order.")] string[] paths,
        IProgress<ProgressNotificationValue> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(paths);
        var requestId = request.JsonRpcRequest.Id.ToString();
        // The bench's clock for "the cancel was observed": the token's callback, or the handler seeing the token first
        // (the token is marked cancelled before its callbacks run, and a handler that stops and disposes the
        // registration before the callback starts means the callback never runs).
        var observed = new CancelProbe.Once(CancelProbe.TokenFired, requestId);
        using var fired = cancellationToken.Register(observed.Write);
        var context = new DirectJobContext(requestId, progress, cancellationToken);
        try
        {
            var job = new CsvAnalyzeJob(Options.Create(new CsvAnalyzeOptions()));
            var input = new CsvAnalyzeInput { Paths = [.. paths.Select(Path.GetFullPath)] };
            var analysis = await job.ExecuteAsync(input, context).ConfigureAwait(false);
            CancelProbe.Write(CancelProbe.Completed, requestId);
            var document = new JsonObject
            {
                ["status"] = "completed",
                ["result"] = JsonSerializer.SerializeToNode(analysis, QuellBuilder.HandlerJsonOptions),
            };
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = document.ToJsonString(Indented) }],
                StructuredContent = JsonSerializer.SerializeToElement(document),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            observed.Write();
            CancelProbe.Write(CancelProbe.Stopped, requestId);
            throw;
        }
        catch (InvalidDataException e)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
        }
    }
}

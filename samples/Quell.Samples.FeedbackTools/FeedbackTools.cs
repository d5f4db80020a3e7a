using System.ComponentModel;
using System.Globalization;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Files;

namespace Quell.Samples.FeedbackTools;

/// <summary>
/// The five tools of the sample feedback workflow. Each streams the demo orders file (so each can be cancelled
/// between rows and reports progress), and each records in the cancel log a <c>notifications/cancelled</c> it obeyed.
/// </summary>
[McpServerToolType]
internal sealed class FeedbackTools(FeedbackScan scan, CancelLog cancelLog, FeedbackToolsOptions options)
{
    private const string Demo = "demo";

    [McpServerTool(Name = "fetch_data", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Reads up to `limit` feedback entries from the demo orders file and counts them by country.")]
    public Task<string> FetchDataAsync(
        RequestContext<CallToolRequestParams> request, IProgress<ProgressNotificationValue> progress,
        [Description("Where the feedback comes from; only \"demo\" exists.")] string source = Demo,
        [Description("The most entries to read.")] int limit = 250,
        CancellationToken cancellationToken = default) =>
        GuardAsync("fetch_data", request, async () =>
        {
            RequireDemo(source);
            var analysis = new FeedbackAnalysis();
            var samples = new List<string>();
            var rows = await scan.ForEachAsync(row =>
            {
                analysis.Add(row);
                if (samples.Count < 5 && row.Comment.Length > 0) samples.Add(row.Comment);
            }, progress, cancellationToken, limit: Math.Max(limit, 0)).ConfigureAwait(false);
            return FeedbackJson.Write(new { source, file = options.DataFile, entries = rows, byCountry = analysis.ByCountry(), samples });
        }, cancellationToken);

    [McpServerTool(Name = "analyze_sentiment", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Scores every comment of the dataset with a small sentiment lexicon; answers counts and shares.")]
    public Task<string> AnalyzeSentimentAsync(
        RequestContext<CallToolRequestParams> request, IProgress<ProgressNotificationValue> progress,
        [Description("The dataset; only \"demo\" exists.")] string dataset = Demo,
        CancellationToken cancellationToken = default) =>
        GuardAsync("analyze_sentiment", request, async () =>
        {
            RequireDemo(dataset);
            var analysis = await AnalyseAsync(progress, cancellationToken).ConfigureAwait(false);
            var s = analysis.Sentiment();
            return FeedbackJson.Write(new
            {
                dataset, entries = s.Rows, positive = s.Positive, neutral = s.Neutral, negative = s.Negative,
                positivePercent = s.Share(s.Positive), neutralPercent = s.Share(s.Neutral), negativePercent = s.Share(s.Negative),
                averageRating = s.AverageRating,
            });
        }, cancellationToken);

    [McpServerTool(Name = "extract_keywords", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Counts the words of every comment (stop words left out) and answers the most frequent ones.")]
    public Task<string> ExtractKeywordsAsync(
        RequestContext<CallToolRequestParams> request, IProgress<ProgressNotificationValue> progress,
        [Description("The dataset; only \"demo\" exists.")] string dataset = Demo,
        [Description("How many keywords to answer.")] int top = 10,
        CancellationToken cancellationToken = default) =>
        GuardAsync("extract_keywords", request, async () =>
        {
            RequireDemo(dataset);
            var analysis = await AnalyseAsync(progress, cancellationToken).ConfigureAwait(false);
            return FeedbackJson.Write(new { dataset, keywords = analysis.TopKeywords(Math.Clamp(top, 1, 100)) });
        }, cancellationToken);

    [McpServerTool(Name = "generate_report", ReadOnly = true, Destructive = false, OpenWorld = false)]
    [Description("Reads the whole dataset and writes a markdown report: summary, themes (keywords) and actions.")]
    public Task<string> GenerateReportAsync(
        RequestContext<CallToolRequestParams> request, IProgress<ProgressNotificationValue> progress,
        [Description("Only \"markdown\".")] string format = "markdown",
        [Description("Sections to include, of summary, themes, actions; all when empty.")] string[]? sections = null,
        CancellationToken cancellationToken = default) =>
        GuardAsync("generate_report", request, async () =>
        {
            if (format != "markdown") throw new McpException($"Unknown format '{format}'; only markdown is supported.");
            var analysis = await AnalyseAsync(progress, cancellationToken).ConfigureAwait(false);
            return FeedbackReport.Markdown(analysis, sections is { Length: > 0 } ? sections : FeedbackReport.AllSections);
        }, cancellationToken);

    [McpServerTool(Name = "publish_report", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Builds the full report from the dataset and publishes it to a channel: a markdown file in the report directory.")]
    public Task<string> PublishReportAsync(
        RequestContext<CallToolRequestParams> request, IProgress<ProgressNotificationValue> progress,
        [Description("The channel's name (letters, digits, '-' and '_').")] string channel = "feedback-weekly",
        CancellationToken cancellationToken = default) =>
        GuardAsync("publish_report", request, async () =>
        {
            if (channel.Length == 0 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new McpException($"'{channel}' is not a channel name (letters, digits, '-' and '_').");
            }
            var analysis = await AnalyseAsync(progress, cancellationToken).ConfigureAwait(false);
            var report = FeedbackReport.Markdown(analysis, FeedbackReport.AllSections);
            var path = Path.Combine(options.ReportDirectory, channel + ".md");
            // Whole or not at all, and never through a link planted in a shared (temp) report directory.
            await FileReplacement.WriteTextAsync(path, report, cancellationToken: cancellationToken).ConfigureAwait(false);
            return FeedbackJson.Write(new { channel, path, bytes = Encoding.UTF8.GetByteCount(report), entries = analysis.Sentiment().Rows });
        }, cancellationToken);

    private async Task<FeedbackAnalysis> AnalyseAsync(IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        var analysis = new FeedbackAnalysis();
        await scan.ForEachAsync(analysis.Add, progress, cancellationToken).ConfigureAwait(false);
        return analysis;
    }

    private static void RequireDemo(string dataset)
    {
        if (!string.Equals(dataset, Demo, StringComparison.Ordinal))
        {
            throw new McpException(string.Create(CultureInfo.InvariantCulture, $"Unknown dataset '{dataset}'; only \"{Demo}\" exists."));
        }
    }

    private async Task<string> GuardAsync(
        string tool, RequestContext<CallToolRequestParams> request, Func<Task<string>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Only a cancel notification (or the session closing) fires this token; the log keeps the former.
            cancelLog.RecordIfNotified(tool, request.JsonRpcRequest.Id);
            throw;
        }
    }
}

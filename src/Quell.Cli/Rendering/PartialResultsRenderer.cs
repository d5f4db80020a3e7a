using Quell.Results;

namespace Quell.Cli.Rendering;

/// <summary>Partial results: how far the job got, what failed, and the results (CSV statistics as tables).</summary>
internal static class PartialResultsRenderer
{
    public static void Write(PartialResults results)
    {
        var total = results.TotalItems is { } t ? $" of {Formats.Count(t)}" : "";
        var percent = results.CompletionPercent is { } p ? $" ({p:0.0}%)" : "";
        Output.WriteLine($"Partial results: {results.Status.ToString().ToLowerInvariant()}, {Formats.Count(results.CompletedItems)}{total} items{percent}.");
        if (results.CancelledAtItem is { } at) Output.WriteLine($"Stopped at item {Formats.Count(at)}.");
        foreach (var failed in results.FailedItems) Output.WriteLine($"Failed item {failed.Index}: {failed.Error}");
        if (CsvStatsRenderer.TryWriteFiles(results.Results)) return;
        foreach (var result in results.Results) Output.WriteLine(result.GetRawText());
    }
}

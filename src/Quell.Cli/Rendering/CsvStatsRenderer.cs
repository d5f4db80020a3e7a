using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Quell.Cli.Rendering;

/// <summary>
/// The statistics of <c>csv.analyze</c> (its result, or its partial results: one entry per file) as tables. Read
/// from JSON, so the same code shows what a server or a store returns.
/// </summary>
internal static class CsvStatsRenderer
{
    /// <summary>Writes a <c>csv.analyze</c> result (<c>{files, totalRows, totalBytes, failedFiles}</c>); false for anything else.</summary>
    public static bool TryWriteAnalysis(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("files", out var files)
            || files.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        if (!TryWriteFiles([.. files.EnumerateArray()])) return false;
        var rows = Long(result, "totalRows");
        var bytes = Long(result, "totalBytes");
        var failed = Long(result, "failedFiles");
        Output.WriteLine($"Total: {Formats.Count(rows)} rows, {Formats.Bytes(bytes)}, {failed} failed file(s).");
        return true;
    }

    /// <summary>Writes per-file statistics; false when the elements are not <c>csv.analyze</c> file statistics.</summary>
    public static bool TryWriteFiles(IReadOnlyList<JsonElement> files)
    {
        if (files.Count == 0 || files.Any(f => f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("path", out _)))
        {
            return false;
        }
        var summary = new Table().Border(TableBorder.Rounded).Title("Files")
            .AddColumns("File", "Rows", "Size", "Columns", "State");
        foreach (var file in files)
        {
            summary.AddRow(Markup.Escape(Text(file, "path")), Formats.Count(Long(file, "rows")), Formats.Bytes(Long(file, "bytes")),
                Columns(file).Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(State(file)));
        }
        AnsiConsole.Write(summary);
        foreach (var file in files.Where(f => Columns(f).Count > 0)) WriteColumns(file);
        return true;
    }

    private static void WriteColumns(JsonElement file)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(Text(file, "path")))
            .AddColumns("Column", "Values", "Empty", "Min", "Max", "Mean", "Distinct≈", "Top value");
        foreach (var column in Columns(file))
        {
            table.AddRow(
                Markup.Escape(Text(column, "name")),
                Formats.Count(Long(column, "count")),
                Formats.Count(Long(column, "empty")),
                Formats.Number(Double(column, "min")),
                Formats.Number(Double(column, "max")),
                Formats.Number(Double(column, "mean")),
                Formats.Count(Long(column, "distinctEstimate")),
                Markup.Escape(TopValue(column)));
        }
        AnsiConsole.Write(table);
    }

    private static string State(JsonElement file)
    {
        if (Text(file, "error") is { Length: > 0 } error) return $"failed: {error}";
        if (file.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.True) return "complete";
        var line = Long(file, "stoppedAtLine");
        return line > 0 ? $"stopped at line {Formats.Count(line)}" : "not finished";
    }

    private static string TopValue(JsonElement column)
    {
        if (!column.TryGetProperty("topValues", out var top) || top.ValueKind != JsonValueKind.Array) return "";
        var first = top.EnumerateArray().FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object) return "";
        var value = Text(first, "value").ReplaceLineEndings(" ");
        if (value.Length > 16) value = value[..15] + "…";
        return $"{value} ({Formats.Count(Long(first, "count"))})";
    }

    private static List<JsonElement> Columns(JsonElement file) =>
        file.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array ? [.. columns.EnumerateArray()] : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;

    private static double? Double(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

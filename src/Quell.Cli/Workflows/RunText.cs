using System.Text.Json;
using Quell.Workflows.Runs;

namespace Quell.Cli.Workflows;

/// <summary>Small texts the run views share.</summary>
internal static class RunText
{
    /// <summary>"scripted" for the offline model (it never poses as a real one), else provider/name.</summary>
    public static string Model(JsonElement? model)
    {
        if (model is not { ValueKind: JsonValueKind.Object } m) return "model";
        if (m.TryGetProperty("scripted", out var scripted) && scripted.ValueKind == JsonValueKind.True) return "scripted";
        var provider = m.TryGetProperty("provider", out var p) ? p.GetString() : null;
        var name = m.TryGetProperty("name", out var n) ? n.GetString() : null;
        return string.Join('/', new[] { provider, name }.Where(s => !string.IsNullOrEmpty(s)));
    }

    /// <summary>The element's status, with "streaming" while one of its messages streams.</summary>
    public static string Status(ElementView element, RunView run) =>
        element.Status == "running" && run.Messages.Any(m => m.ElementId == element.ElementId && m.Status == "streaming")
            ? "streaming"
            : element.Status;

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="text"/>, for a live tail.</summary>
    public static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public static string? String(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? Number(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.TryGetInt64(out var n) ? n : null;

    public static int? Count(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.GetArrayLength()
            : null;
}

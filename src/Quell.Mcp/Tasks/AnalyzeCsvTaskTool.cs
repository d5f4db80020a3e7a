using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Jobs;
using Quell.Mcp.Tools;

namespace Quell.Mcp.Tasks;

/// <summary><c>analyze_csv</c> as a task: the same <c>csv.analyze</c> submission the tool makes.</summary>
internal static class AnalyzeCsvTaskTool
{
    public static McpTaskTool Create() => new("analyze_csv", AnalyzeCsvTool.JobType, ToSubmission);

    private static JobSubmission ToSubmission(JsonElement? arguments, string owner)
    {
        if (arguments is not { ValueKind: JsonValueKind.Object } args
            || !args.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Array
            || paths.EnumerateArray().Any(path => path.ValueKind != JsonValueKind.String))
        {
            throw new McpTaskException(McpTaskException.InvalidParams, "analyze_csv needs 'paths': an array of CSV file paths.");
        }
        // Full paths, as the tool does: the job's record may be read (and retried) from another directory.
        var input = new JsonObject
        {
            ["paths"] = new JsonArray([.. paths.EnumerateArray().Select(path => JsonValue.Create(FullPath(path.GetString()!)))]),
        };
        return new JobSubmission(AnalyzeCsvTool.JobType, JsonSerializer.SerializeToElement(input), owner);
    }

    private static string FullPath(string path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);
}

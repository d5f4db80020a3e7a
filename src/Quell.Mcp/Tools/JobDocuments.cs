using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Jobs;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage;

namespace Quell.Mcp.Tools;

/// <summary>The JSON documents the tools return, in the same shapes as the HTTP API (docs/api.md).</summary>
internal static class JobDocuments
{
    public static JsonObject Job(JobRecord job) => JsonSerializer.SerializeToNode(job, QuellJson.Job)!.AsObject();

    public static JsonObject Page(JobPage page) => new()
    {
        ["items"] = new JsonArray([.. page.Items.Select(job => (JsonNode)Job(job))]),
        ["total"] = page.Total,
        ["limit"] = page.Limit,
        ["offset"] = page.Offset,
    };

    public static JsonObject Partial(string jobId, PartialResults results)
    {
        var document = JsonSerializer.SerializeToNode(results, QuellJson.PartialResults)!.AsObject();
        document.Insert(0, "jobId", jobId);
        return document;
    }
}

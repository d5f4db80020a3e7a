using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Events;

namespace Quell.Mcp.Tasks;

/// <summary>
/// The durable mark of a job started as a task: an <c>mcp.task</c> event in the job's history, appended right
/// after submission, with the tool and the granted ttl. JobSubmission has no tag or metadata field, and the
/// history is the one per-job record every store keeps, so a later process (or session) can tell a task from a
/// plain job and recover its ttl.
/// </summary>
internal sealed record McpTaskMarker(string Tool, long TtlMs)
{
    public const string EventType = "mcp.task";

    public NewJobEvent ToEvent(string jobId, DateTimeOffset time) => new(
        jobId, EventType, time,
        JsonSerializer.SerializeToElement(new JsonObject { ["tool"] = Tool, ["ttlMs"] = TtlMs }));

    public static McpTaskMarker? TryRead(JobEvent jobEvent)
    {
        if (jobEvent.Type != EventType || jobEvent.Data.ValueKind != JsonValueKind.Object) return null;
        var tool = jobEvent.Data.TryGetProperty("tool", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var ttl = jobEvent.Data.TryGetProperty("ttlMs", out var l) && l.TryGetInt64(out var ms) ? ms : 0;
        return tool is null ? null : new McpTaskMarker(tool, ttl);
    }
}

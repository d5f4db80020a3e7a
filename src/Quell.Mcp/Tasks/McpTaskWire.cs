using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Tasks;

/// <summary>The JSON shapes of MCP tasks (2025-11-25), which SDK 2.3.1 has no types for.</summary>
internal static class McpTaskWire
{
    public const string RelatedTaskKey = "io.modelcontextprotocol/related-task";

    /// <summary><c>capabilities.tasks</c> of the <c>initialize</c> result.</summary>
    public static JsonObject Capability() => new()
    {
        ["list"] = new JsonObject(),
        ["cancel"] = new JsonObject(),
        ["requests"] = new JsonObject { ["tools"] = new JsonObject { ["call"] = new JsonObject() } },
    };

    /// <summary>A tool's <c>execution</c> in <c>tools/list</c>.</summary>
    public static JsonObject OptionalTaskSupport() => new() { ["taskSupport"] = "optional" };

    /// <summary>A <c>Task</c>: the result of <c>tasks/get</c> and <c>tasks/cancel</c>, an item of <c>tasks/list</c>.</summary>
    public static JsonObject Task(McpTaskInfo task)
    {
        var json = new JsonObject
        {
            ["taskId"] = task.TaskId,
            ["status"] = task.Status,
        };
        if (task.StatusMessage is { Length: > 0 } message) json["statusMessage"] = message;
        json["createdAt"] = Timestamp(task.CreatedAt);
        json["lastUpdatedAt"] = Timestamp(task.LastUpdatedAt);
        json["ttl"] = task.TtlMs;
        json["pollInterval"] = task.PollIntervalMs;
        return json;
    }

    /// <summary>The answer to a task-augmented <c>tools/call</c>.</summary>
    public static JsonObject CreateTaskResult(McpTaskInfo task) => new() { ["task"] = Task(task) };

    public static JsonObject ListResult(McpTaskPage page)
    {
        var json = new JsonObject { ["tasks"] = new JsonArray([.. page.Tasks.Select(task => (JsonNode)Task(task))]) };
        if (page.NextCursor is not null) json["nextCursor"] = page.NextCursor;
        return json;
    }

    /// <summary>The <c>tasks/result</c> answer: the tool's own result, with the related-task mark in <c>_meta</c>.</summary>
    public static JsonObject Result(string taskId, CallToolResult result)
    {
        var json = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions)!.AsObject();
        var meta = json["_meta"] as JsonObject ?? new JsonObject();
        meta[RelatedTaskKey] = new JsonObject { ["taskId"] = taskId };
        json["_meta"] = meta;
        return json;
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

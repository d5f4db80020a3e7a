using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Tasks;

/// <summary>Reads the parameters of task requests from the raw JSON-RPC params.</summary>
internal static class McpTaskRequest
{
    /// <summary>The <c>task</c> of a <c>tools/call</c>, or false when the call is not task-augmented.</summary>
    public static bool TryReadTask(JsonNode? parameters, out long? ttlMs)
    {
        ttlMs = null;
        if (parameters is not JsonObject p || !p.TryGetPropertyValue("task", out var task) || task is null) return false;
        if (task is not JsonObject taskObject)
        {
            throw new McpTaskException(McpTaskException.InvalidParams, "'task' must be an object such as {\"ttl\": 60000}.");
        }
        if (taskObject.TryGetPropertyValue("ttl", out var ttl) && ttl is not null)
        {
            if (ttl.GetValueKind() != JsonValueKind.Number || !ttl.AsValue().TryGetValue<long>(out var ms) || ms < 0)
            {
                throw new McpTaskException(McpTaskException.InvalidParams, "'task.ttl' must be a whole number of milliseconds.");
            }
            ttlMs = ms;
        }
        return true;
    }

    public static string ToolName(JsonNode? parameters) =>
        parameters is JsonObject p && p["name"] is JsonValue name && name.TryGetValue<string>(out var value)
            ? value
            : throw new McpTaskException(McpTaskException.InvalidParams, "'name' is required.");

    public static JsonElement? Arguments(JsonNode? parameters) =>
        parameters is JsonObject p && p["arguments"] is { } arguments ? JsonSerializer.SerializeToElement(arguments) : null;

    public static ProgressToken? ProgressToken(JsonNode? parameters)
    {
        if (parameters is not JsonObject p || p["_meta"] is not JsonObject meta || meta["progressToken"] is not JsonValue token) return null;
        return token.GetValueKind() switch
        {
            JsonValueKind.String => new ProgressToken(token.GetValue<string>()),
            JsonValueKind.Number when token.TryGetValue<long>(out var number) => new ProgressToken(number),
            _ => null,
        };
    }

    public static string TaskId(JsonNode? parameters) =>
        parameters is JsonObject p && p["taskId"] is JsonValue id && id.TryGetValue<string>(out var value) && value.Length > 0
            ? value
            : throw new McpTaskException(McpTaskException.InvalidParams, "'taskId' is required.");

    public static string? Cursor(JsonNode? parameters)
    {
        if (parameters is not JsonObject p || p["cursor"] is null) return null;
        return p["cursor"] is JsonValue cursor && cursor.TryGetValue<string>(out var value)
            ? value
            : throw new McpTaskException(McpTaskException.InvalidParams, "Invalid cursor for tasks/list.");
    }
}

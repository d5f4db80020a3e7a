using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Tasks;

/// <summary>Raw MCP task requests (SDK 2.3.1 has no task API): sent with the SDK client's <c>SendRequestAsync</c>.</summary>
public static class TaskRequests
{
    private static long _ids;

    /// <summary>A task-augmented <c>tools/call</c>; returns the <c>task</c> of the <c>CreateTaskResult</c>.</summary>
    public static async Task<JsonElement> CreateAsync(
        QuellMcpSession session, string tool, object arguments, long? ttlMs = 60_000, string? progressToken = null)
    {
        var parameters = new JsonObject
        {
            ["name"] = tool,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
            ["task"] = ttlMs is null ? new JsonObject() : new JsonObject { ["ttl"] = ttlMs },
        };
        if (progressToken is not null) parameters["_meta"] = new JsonObject { ["progressToken"] = progressToken };
        var result = await SendAsync(session, RequestMethods.ToolsCall, parameters);
        return result.GetProperty("task");
    }

    public static Task<JsonElement> GetAsync(QuellMcpSession session, string taskId) =>
        SendAsync(session, "tasks/get", new JsonObject { ["taskId"] = taskId });

    public static Task<JsonElement> ResultAsync(QuellMcpSession session, string taskId) =>
        SendAsync(session, "tasks/result", new JsonObject { ["taskId"] = taskId });

    public static Task<JsonElement> CancelAsync(QuellMcpSession session, string taskId) =>
        SendAsync(session, "tasks/cancel", new JsonObject { ["taskId"] = taskId });

    public static Task<JsonElement> ListAsync(QuellMcpSession session, string? cursor = null) =>
        SendAsync(session, "tasks/list", cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor });

    /// <summary>Polls <c>tasks/get</c> until the task is terminal.</summary>
    public static async Task<JsonElement> WaitForTerminalAsync(QuellMcpSession session, string taskId)
    {
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
        while (true)
        {
            var task = await GetAsync(session, taskId);
            if (task.GetProperty("status").GetString() is "completed" or "failed" or "cancelled") return task;
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Sends a request that must fail with a JSON-RPC error and returns the error.</summary>
    public static async Task<McpProtocolException> ErrorAsync(Func<Task> request) =>
        await Assert.ThrowsAnyAsync<McpProtocolException>(request);

    public static async Task<JsonElement> SendAsync(QuellMcpSession session, string method, JsonNode parameters)
    {
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience * 2);
        var response = await session.Client.SendRequestAsync(
            new JsonRpcRequest { Id = new RequestId($"task-test-{Interlocked.Increment(ref _ids)}"), Method = method, Params = parameters },
            timeout.Token);
        return JsonSerializer.SerializeToElement(response.Result);
    }
}

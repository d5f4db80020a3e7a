using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Quell.Mcp.Tasks;

/// <summary>
/// MCP tasks (spec 2025-11-25, experimental) over Quell jobs: the one seam between the wire (message filters on
/// SDK 2.3.1, see <see cref="McpTaskProtocol"/>) and the runtime. A task is a job started by a task-augmented
/// <c>tools/call</c>; its id is the job id, and it lives as long as the job does in the durable store, so it
/// outlives the connection that created it. Every method is owner-checked: another owner's task is reported
/// exactly like an unknown one. Errors the protocol answers with a JSON-RPC error are
/// <see cref="McpTaskException"/>s.
/// </summary>
/// <remarks>When the SDK grows native task support, this interface is what its hooks should call.</remarks>
internal interface IMcpTaskStore
{
    /// <summary>The tool of that name if it may run as a task.</summary>
    McpTaskTool? FindTool(string name);

    /// <summary>The names of the tools that may run as tasks.</summary>
    IReadOnlyCollection<string> ToolNames { get; }

    /// <summary>Submits the tool's job and marks it as a task; returns it as <c>working</c>.</summary>
    Task<McpTaskInfo> CreateAsync(
        McpTaskTool tool, JsonElement? arguments, string owner, long? requestedTtlMs, CancellationToken cancellationToken);

    /// <summary>
    /// Relays the task's job progress to <paramref name="token"/> on <paramref name="session"/> until the job is
    /// terminal, in the background; stops quietly when the client is gone.
    /// </summary>
    void RelayProgress(string taskId, string owner, McpServer session, ProgressToken token);

    /// <summary><c>tasks/get</c>: the task's current state.</summary>
    Task<McpTaskInfo> GetAsync(string taskId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// <c>tasks/result</c>: waits until the task is terminal, then returns what the tool call would have. Meanwhile
    /// <paramref name="requestView"/> (the request's own server view) takes the task's progress when the session
    /// that created it cannot (see <see cref="TaskProgressForwarder"/>).
    /// </summary>
    Task<(McpTaskInfo Task, CallToolResult Result)> GetResultAsync(
        string taskId, string owner, McpServer? requestView, CancellationToken cancellationToken);

    /// <summary><c>tasks/list</c>: the owner's tasks, newest first, a page at a time.</summary>
    Task<McpTaskPage> ListAsync(string owner, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// <c>tasks/cancel</c>: records a <c>user_requested</c> cancel of the task's job and waits until it is terminal
    /// (bounded); returns the state it reached. A task already terminal is refused.
    /// </summary>
    Task<McpTaskInfo> CancelAsync(string taskId, string owner, CancellationToken cancellationToken);

    /// <summary>Completes when every task this process started has reached a terminal state.</summary>
    Task WaitForStartedTasksAsync(CancellationToken cancellationToken);
}

namespace Quell.Mcp.Tasks;

/// <summary>A task request the protocol layer answers with a JSON-RPC error (the code says which).</summary>
internal sealed class McpTaskException : Exception
{
    /// <summary>JSON-RPC "Invalid params": unknown, foreign or finished task, bad cursor, bad arguments.</summary>
    public const int InvalidParams = -32602;

    /// <summary>JSON-RPC "Method not found": a task-augmented call of a tool that does not support tasks.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>JSON-RPC "Internal error": the runtime refused the job (shutting down).</summary>
    public const int InternalError = -32603;

    public McpTaskException(int code, string message) : base(message) => Code = code;

    public McpTaskException() : this(InternalError, "The task request failed.") { }

    public McpTaskException(string message) : this(InternalError, message) { }

    public McpTaskException(string message, Exception innerException) : base(message, innerException) => Code = InternalError;

    public int Code { get; }

    public static McpTaskException TaskNotFound(string taskId) =>
        new(InvalidParams, $"Failed to retrieve task: Task not found ('{taskId}' is unknown, or not yours).");
}

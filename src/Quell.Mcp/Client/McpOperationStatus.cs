namespace Quell.Mcp.Client;

/// <summary>Where an <see cref="McpOperation"/> stands, as this client sees it.</summary>
public enum McpOperationStatus
{
    /// <summary>The request was sent and neither a response nor a cancel has ended it.</summary>
    Running,

    /// <summary>The server answered with a result that is not an error.</summary>
    Completed,

    /// <summary>Cancelled by a caller; <c>notifications/cancelled</c> was sent with the caller's reason.</summary>
    Cancelled,

    /// <summary>The server answered with a tool error (<c>isError</c>) or a JSON-RPC error, or the connection failed.</summary>
    Failed,

    /// <summary>Cancelled by the idle timeout or the maximum duration, with a reason that starts with <c>timeout</c>.</summary>
    TimedOut,
}

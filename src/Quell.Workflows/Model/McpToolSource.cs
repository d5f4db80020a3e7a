namespace Quell.Workflows.Model;

/// <summary>An MCP server an agentic task takes tools from: a child process over stdio, or a URL (Streamable HTTP).</summary>
public sealed record McpToolSource
{
    /// <summary>A short name for the server, used in events and errors.</summary>
    public required string Name { get; init; }

    /// <summary>The program to start for stdio, or <see langword="null"/> when <see cref="Url"/> is set.</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The server's URL, or <see langword="null"/> when <see cref="Command"/> is set.</summary>
    public Uri? Url { get; init; }

    /// <summary>The tool names the model may call; <see langword="null"/> allows every tool the server lists.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }
}

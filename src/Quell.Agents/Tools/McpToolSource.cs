namespace Quell.Agents.Tools;

/// <summary>An MCP server whose tools an agent may call: a command started over stdio, or a Streamable HTTP URL.</summary>
public sealed record McpToolSource
{
    /// <summary>A name for messages; defaults to the command or the URL's host.</summary>
    public string? Name { get; init; }

    /// <summary>The program to start and talk to over stdio (set this or <see cref="Url"/>).</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The server's Streamable HTTP endpoint (set this or <see cref="Command"/>).</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// The tools the model may see and call, by name. Null exposes every tool the server lists; a listed name the
    /// server does not have is an error at connect time.
    /// </summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Problems with the source, each a sentence a user can act on; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Command) == (Url is null)) problems.Add("An MCP tool source needs exactly one of command and url.");
        if (Url is { IsAbsoluteUri: false }) problems.Add("An MCP tool source's url must be absolute.");
        return problems;
    }

    internal string DisplayName => Name ?? (Url is not null ? Url.Host : Path.GetFileName(Command ?? "mcp"));
}

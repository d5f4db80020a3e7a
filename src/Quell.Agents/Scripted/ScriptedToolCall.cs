using System.Text.Json;

namespace Quell.Agents.Scripted;

/// <summary>One tool call the scripted model asks for.</summary>
public sealed record ScriptedToolCall
{
    /// <summary>The tool's name, as its MCP server lists it.</summary>
    public string Tool { get; init; } = "";

    /// <summary>The arguments, a JSON object; null for none.</summary>
    public JsonElement? Arguments { get; init; }
}

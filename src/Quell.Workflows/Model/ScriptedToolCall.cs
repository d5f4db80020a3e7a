using System.Text.Json;

namespace Quell.Workflows.Model;

/// <summary>One tool call of a <see cref="ModelScript"/>.</summary>
/// <param name="Name">The tool's name as its MCP server lists it.</param>
/// <param name="Arguments">The arguments object.</param>
public sealed record ScriptedToolCall(string Name, JsonElement Arguments);

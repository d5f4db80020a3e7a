using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Quell.Agents.Tools;

/// <summary>Turns an MCP tool result into the JSON an agent keeps and gives back to the model.</summary>
internal static class ToolResults
{
    public static JsonElement ToJson(CallToolResult result)
    {
        if (result.StructuredContent is { } structured) return structured.Clone();
        var text = Text(result);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, AgentToolJsonContext.Default.String);
        }
    }

    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}

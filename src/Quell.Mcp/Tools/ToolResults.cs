using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Tools;

/// <summary>Builds tool results: JSON both as structured content and as text, and errors a model can act on.</summary>
internal static class ToolResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static CallToolResult Json(JsonNode document)
    {
        var element = JsonSerializer.SerializeToElement(document);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = document.ToJsonString(Indented) }],
            StructuredContent = element,
        };
    }

    public static CallToolResult Error(string message, JsonNode? document = null) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
        StructuredContent = document is null ? null : JsonSerializer.SerializeToElement(document),
    };
}

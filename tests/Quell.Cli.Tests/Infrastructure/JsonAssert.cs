using System.Text.Json;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>Reads the JSON quell prints.</summary>
internal static class Json
{
    public static JsonElement Parse(string text) => JsonDocument.Parse(text.Trim()).RootElement.Clone();

    public static string Text(this JsonElement element, params string[] path) => Walk(element, path).GetString()!;

    public static long Long(this JsonElement element, params string[] path) => Walk(element, path).GetInt64();

    private static JsonElement Walk(JsonElement element, string[] path)
    {
        foreach (var name in path) element = element.GetProperty(name);
        return element;
    }
}

using System.Text.Json;

namespace Quell.Samples.FeedbackTools;

/// <summary>The JSON the tools answer with: camelCase, indented for people reading a transcript.</summary>
internal static class FeedbackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}

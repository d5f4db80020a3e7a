using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Quell.Storage.Sqlite;

/// <summary>How values are stored: times as unix milliseconds (UTC), documents as JSON text.</summary>
internal static class SqliteValues
{
    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>The time as it reads back from the store: truncated to the millisecond, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => FromUnixMs(ToUnixMs(time));

    public static object ToDb(string? value) => (object?)value ?? DBNull.Value;

    public static object ToDb(long? value) => value is { } v ? v : DBNull.Value;

    public static object ToDb(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } v ? v.GetRawText() : DBNull.Value;

    public static object ToDb<T>(T? value, JsonTypeInfo<T> typeInfo) where T : class =>
        value is null ? DBNull.Value : JsonSerializer.Serialize(value, typeInfo);

    public static JsonElement ParseElement(string json) => JsonElement.Parse(json);

    public static T? Parse<T>(string? json, JsonTypeInfo<T> typeInfo) where T : class =>
        json is null ? null : JsonSerializer.Deserialize(json, typeInfo);
}

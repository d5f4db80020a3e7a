using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Quell.Storage.Postgres;

/// <summary>
/// How values are stored: times as <c>timestamptz</c> truncated to the millisecond (the precision every store
/// keeps), documents as <c>json</c> (not <c>jsonb</c>: it keeps the text, so an event reads back byte for byte).
/// </summary>
internal static class PostgresValues
{
    /// <summary>The time as it reads back from the store: truncated to the millisecond, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    public static DateTime ToDb(DateTimeOffset time) => Truncate(time).UtcDateTime;

    public static object ToDb(DateTimeOffset? time) => time is { } t ? ToDb(t) : DBNull.Value;

    public static object ToDb(string? value) => (object?)value ?? DBNull.Value;

    public static object ToDb(int? value) => value is { } v ? v : DBNull.Value;

    public static string? ToJson(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } v ? v.GetRawText() : null;

    public static string? ToJson<T>(T? value, JsonTypeInfo<T> typeInfo) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, typeInfo);

    public static NpgsqlParameter Json(string name, string? json) =>
        new(name, NpgsqlDbType.Json) { Value = (object?)json ?? DBNull.Value };

    public static JsonElement ParseElement(string json) => JsonElement.Parse(json);

    public static T? Parse<T>(string? json, JsonTypeInfo<T> typeInfo) where T : class =>
        json is null ? null : JsonSerializer.Deserialize(json, typeInfo);

    public static DateTimeOffset ReadTime(NpgsqlDataReader row, int ordinal) => row.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? ReadTimeOrNull(NpgsqlDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? ReadStringOrNull(NpgsqlDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}

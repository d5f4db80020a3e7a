using Microsoft.Data.Sqlite;

namespace Quell.Storage.Sqlite.Reading;

/// <summary>
/// The current row of a query, read by column ordinal: a <see cref="Writing.RawStatement"/> on the writer's hot
/// path, or a <see cref="SqliteDataReader"/> (through <see cref="DataReaderRow"/>) everywhere else, so one mapping
/// (<see cref="JobRows"/>) serves both.
/// </summary>
internal interface ISqliteRow
{
    bool IsNull(int column);

    long GetInt64(int column);

    int GetInt32(int column);

    string GetString(int column);
}

/// <summary>A <see cref="SqliteDataReader"/> as an <see cref="ISqliteRow"/>; a struct, so calls through it inline.</summary>
internal readonly struct DataReaderRow(SqliteDataReader reader) : ISqliteRow
{
    public bool IsNull(int column) => reader.IsDBNull(column);

    public long GetInt64(int column) => reader.GetInt64(column);

    public int GetInt32(int column) => reader.GetInt32(column);

    public string GetString(int column) => reader.GetString(column);
}

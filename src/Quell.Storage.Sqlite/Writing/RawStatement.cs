using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using Quell.Storage.Sqlite.Reading;
using SQLitePCL;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// A statement of the writer's hot path, prepared once on the writer connection and driven through SQLitePCLRaw
/// directly, with parameters bound by index.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite re-resolves every parameter by name on each execution (a UTF-8 copy of the name and a
/// linear search in SQLite) and walks its statement list: in the 2026-12-07 profile of the no-op throughput run
/// that binding and bookkeeping were about half of the single writer's CPU. Here a name is resolved once, at
/// prepare, and text is bound from a stack or pooled UTF-8 buffer that SQLite copies.
/// </remarks>
internal sealed class RawStatement : ISqliteRow, IDisposable
{
    private const int StackTextBytes = 512;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    private RawStatement(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var i = 1; i <= count; i++)
        {
            if (raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string() is { } name) _indexes[name] = i;
        }
    }

    public static RawStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out string tail);
        SqliteException.ThrowExceptionForRC(rc, db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException("A raw statement must be a single SQL statement.", nameof(sql));
        }
        return new RawStatement(db, statement);
    }

    /// <summary>The index of a named parameter (<c>$name</c>), for binding in a loop without the lookup.</summary>
    public int IndexOf(string name) =>
        _indexes.TryGetValue(name, out var index) ? index : throw new ArgumentException($"No parameter {name}.", nameof(name));

    public RawStatement Bind(string name, long value) => Bind(IndexOf(name), value);

    public RawStatement Bind(string name, string? value) => Bind(IndexOf(name), value);

    /// <summary>Binds a value as the Microsoft.Data.Sqlite commands took it: null or DBNull, text, or an integer.</summary>
    public RawStatement Bind(string name, object? value) => value switch
    {
        null or DBNull => BindNull(IndexOf(name)),
        string text => Bind(IndexOf(name), text),
        long number => Bind(IndexOf(name), number),
        int number => Bind(IndexOf(name), number),
        _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name} to {name}.", nameof(value)),
    };

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public RawStatement Bind(int index, string? value)
    {
        if (value is null) return BindNull(index);
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length <= StackTextBytes)
        {
            Span<byte> buffer = stackalloc byte[StackTextBytes];
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_statement, index, buffer[..written])); // SQLite copies it (SQLITE_TRANSIENT)
            return this;
        }
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(value, rented);
            Check(raw.sqlite3_bind_text(_statement, index, rented.AsSpan(0, written)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return this;
    }

    /// <summary>Runs a statement that returns no rows and gives the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Steps to the next row; false at the end. Call <see cref="Reset"/> when done reading.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc != raw.SQLITE_DONE) Check(rc);
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? GetStringOrNull(int column) => IsNull(column) ? null : GetString(column);

    /// <summary>Ends the current execution and clears the bindings, so no value leaks into the next one.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// The writer connection's prepared commands, keyed by their SQL text (each a constant, so the lookup is by
/// reference first). Preparing once and rebinding parameters avoids re-parsing SQL on every write.
/// </summary>
internal sealed partial class PreparedStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _raw = new(StringComparer.Ordinal);

    public PreparedStatements(SqliteConnection connection) => _connection = connection;

    public SqliteCommand Get(string sql)
    {
        if (_commands.TryGetValue(sql, out var command)) return command;
        command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
        command.Prepare();
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>The hot path's statements, bound by index (<see cref="RawStatement"/>).</summary>
    public RawStatement GetRaw(string sql)
    {
        if (_raw.TryGetValue(sql, out var statement)) return statement;
        statement = RawStatement.Prepare(_connection, sql);
        _raw.Add(sql, statement);
        return statement;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        foreach (var statement in _raw.Values) statement.Dispose();
        _raw.Clear();
    }

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();
}

using Microsoft.Data.Sqlite;

namespace Quell.Storage.Sqlite.Writing;

/// <summary>Binding values to a prepared command's parameters.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Bind(this SqliteCommand command, string name, object value)
    {
        command.Parameters[name].Value = value;
        return command;
    }
}

using Microsoft.Data.Sqlite;

namespace Quell.Storage.Sqlite.Schema;

/// <summary>Applies the <see cref="SqliteMigrations"/> steps a database has not seen, each once, in its own transaction.</summary>
internal static class SchemaMigrator
{
    /// <summary>Migrates the database and returns the version it had before.</summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<string> steps)
    {
        var current = ReadVersion(connection);
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {current}, newer than this Quell " +
                $"version knows ({steps.Count}). Upgrade Quell or use another data directory.");
        }
        for (var version = current + 1; version <= steps.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // user_version lives in the file header and is written in the same transaction as the step.
            command.CommandText = $"{steps[version - 1]};\nPRAGMA user_version = {version};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        return current;
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

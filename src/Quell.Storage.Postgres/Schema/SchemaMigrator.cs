using System.Text;
using Npgsql;

namespace Quell.Storage.Postgres.Schema;

/// <summary>
/// Applies the <see cref="PostgresMigrations"/> steps a database has not seen, in one transaction that first takes
/// a transaction-scoped advisory lock for the schema: nodes that start at once wait for each other, and the later
/// ones find the steps applied.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Migrates the schema and returns the version it had before.</summary>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey(schema))).ConfigureAwait(false);
        // The schema name was validated (PostgresJobStoreOptions.Schema); quoting keeps it exact.
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken).ConfigureAwait(false);
        var current = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"The Quell schema '{schema}' has version {current}, newer than this Quell version knows ({steps.Count}). " +
                "Upgrade Quell on this node, or point it at another schema.");
        }
        for (var version = current + 1; version <= steps.Count; version++)
        {
            await ExecuteAsync(connection, steps[version - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "INSERT INTO schema_migrations (version) VALUES (@version)", cancellationToken,
                ("version", version)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), so stores in different schemas never wait for each other.</summary>
    public static long LockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("quell.migrations:" + schema))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

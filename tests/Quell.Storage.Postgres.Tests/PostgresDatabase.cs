using Npgsql;
using Quell.Storage.Contract;

namespace Quell.Storage.Postgres.Tests;

/// <summary>
/// A fresh database for one test class on the server named by <c>QUELL_TEST_POSTGRES</c> (a connection string with
/// the right to create databases; <c>.ci/postgres</c> starts one), dropped afterwards. Stores of one class each get
/// a schema of their own in it (<see cref="NextSchema"/>), so every test starts empty. When the variable is unset
/// the tests skip (<see cref="RequiresEnvironmentAttribute"/>, <see cref="PostgresFactAttribute"/>), except under
/// CI, where this fixture fails them.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "QUELL_TEST_POSTGRES";

    public const string Reason =
        "the PostgreSQL tests need a server (a connection string that may create databases). " +
        "Start a throwaway one with `eval \"$(bash .ci/postgres)\"`.";

    private int _schemas;

    /// <summary>The connection string of this class's own database.</summary>
    public string ConnectionString { get; private set; } = "";

    public string DatabaseName { get; } = $"quell_test_{Guid.NewGuid():N}";

    /// <summary>A schema name not used yet in this database.</summary>
    public string NextSchema() => $"s{Interlocked.Increment(ref _schemas)}";

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (RequiresEnvironmentAttribute.UnderCi)
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set, and CI=true: the PostgreSQL tests must run in CI. .ci/run sources .ci/postgres, " +
                    "which starts a cluster and exports it; look there for why it did not.");
            }
            return; // every test of the class is skipped
        }
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>Opens a plain connection to this class's database (search path: <paramref name="schema"/>).</summary>
    public async Task<NpgsqlConnection> OpenAsync(string? schema = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        if (schema is not null) builder.SearchPath = schema;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(Variable));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

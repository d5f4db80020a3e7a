using Npgsql;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>
/// A fresh database on the server named by <c>QUELL_TEST_POSTGRES</c> (<c>.ci/postgres</c> starts one), dropped on
/// dispose; <see cref="PostgresServeFactAttribute"/> skips the test without it (outside CI).
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "QUELL_TEST_POSTGRES";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The connection string a node is given (<c>--connection</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The connection string for one node, named <paramref name="applicationName"/> in <c>pg_stat_activity</c> (its
    /// listening connection as that and <c>-listener</c>), so a test can find and terminate that node's connections.
    /// </summary>
    public string ConnectionStringFor(string applicationName) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = applicationName }.ConnectionString;

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL serve tests need a server. .ci/run sources .ci/postgres, which starts one.");
        }
        var database = new PostgresTestDatabase(server, $"quell_cli_{Guid.NewGuid():N}");
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs a scalar query in the database's <c>quell</c> schema.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = "quell", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement as the server's administrator (pg_terminate_backend and the like).</summary>
    public async Task<object?> AdminScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A <c>quell serve</c> test on PostgreSQL: skipped without <c>QUELL_TEST_POSTGRES</c>, except under CI, where it fails.</summary>
public sealed class PostgresServeFactAttribute : FactAttribute
{
    public PostgresServeFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)) && !ci)
        {
            Skip = $"{PostgresTestDatabase.Variable} is not set: these tests run quell serve on PostgreSQL. " +
                   "Start a throwaway server with `eval \"$(bash .ci/postgres)\"`.";
        }
    }
}

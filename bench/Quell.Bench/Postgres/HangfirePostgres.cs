using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Quell.Bench.Postgres;

/// <summary>Hangfire.PostgreSql storage in a fresh schema of the bench's database, woken by LISTEN/NOTIFY.</summary>
internal static class HangfirePostgres
{
    public static PostgreSqlStorage Create(string connectionString, string schema)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = schema,
            PrepareSchemaIfNecessary = true,
            // Its fastest documented settings: long polling (LISTEN/NOTIFY) for new work, and a short poll behind it.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(100),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

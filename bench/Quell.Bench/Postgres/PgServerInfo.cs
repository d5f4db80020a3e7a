using Npgsql;

namespace Quell.Bench.Postgres;

/// <summary>The server's version and the durability settings a PostgreSQL figure depends on.</summary>
internal static class PgServerInfo
{
    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), " +
            "current_setting('full_page_writes'), current_setting('shared_buffers')", connection);
        await using var row = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await row.ReadAsync().ConfigureAwait(false);
        return $"PostgreSQL {row.GetString(0)} on {connection.Host}:{connection.Port}; fsync={row.GetString(1)}, " +
               $"synchronous_commit={row.GetString(2)}, full_page_writes={row.GetString(3)}, shared_buffers={row.GetString(4)}";
    }
}

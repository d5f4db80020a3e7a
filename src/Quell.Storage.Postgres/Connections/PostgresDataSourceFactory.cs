using Npgsql;

namespace Quell.Storage.Postgres.Connections;

/// <summary>Builds the store's <see cref="NpgsqlDataSource"/>: the configured database, with the store's schema as search path.</summary>
internal static class PostgresDataSourceFactory
{
    public static NpgsqlDataSource Create(PostgresJobStoreOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var connection = builder.ConnectionStringBuilder;
        // Every statement is unqualified and lands in the store's schema (pg_catalog is always searched first).
        connection.SearchPath = options.Schema;
        // The writer and the readers run the same few statements all day: let Npgsql prepare them.
        if (connection.MaxAutoPrepare == 0) connection.MaxAutoPrepare = 64;
        if (string.IsNullOrEmpty(connection.ApplicationName)) connection.ApplicationName = "quell";
        return builder.Build();
    }
}

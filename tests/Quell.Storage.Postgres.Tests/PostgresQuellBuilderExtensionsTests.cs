using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quell.Hosting;

namespace Quell.Storage.Postgres.Tests;

public sealed class PostgresQuellBuilderExtensionsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task UsePostgresStore_opens_the_store_in_the_configured_schema()
    {
        var schema = database.NextSchema();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddQuell(_ => { }).UsePostgresStore(database.ConnectionString, o => o.Schema = schema);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<PostgresJobStore>(provider.GetRequiredService<IJobStore>());

        Assert.Same(store, provider.GetRequiredService<IJobStore>());
        await using var connection = await database.OpenAsync();
        await using var tables = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = @schema AND table_name = 'jobs'", connection);
        tables.Parameters.AddWithValue("schema", schema);
        Assert.Equal(1L, await tables.ExecuteScalarAsync());
    }
}

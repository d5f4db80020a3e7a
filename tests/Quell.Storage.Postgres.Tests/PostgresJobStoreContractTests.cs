using Quell.Events;
using Quell.Storage.Contract;

namespace Quell.Storage.Postgres.Tests;

/// <summary>The store contract against a real PostgreSQL: one database for the class, a fresh schema per store.</summary>
[RequiresEnvironment(PostgresDatabase.Variable, PostgresDatabase.Reason)]
public sealed class PostgresJobStoreContractTests(PostgresDatabase database) : JobStoreContract, IClassFixture<PostgresDatabase>
{
    protected override async Task<IJobStore> CreateStoreAsync(IJobEventBus bus) =>
        await PostgresJobStore.OpenAsync(
            new PostgresJobStoreOptions { ConnectionString = database.ConnectionString, Schema = database.NextSchema() }, bus);
}

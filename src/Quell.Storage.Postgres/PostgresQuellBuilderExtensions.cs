using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quell.Events;
using Quell.Storage;
using Quell.Storage.Postgres;

namespace Quell.Hosting;

/// <summary>Registers the PostgreSQL store, for several nodes on one database.</summary>
public static class PostgresQuellBuilderExtensions
{
    /// <summary>
    /// Stores jobs in PostgreSQL at <paramref name="connectionString"/>, in the <c>quell</c> schema (change it, or the
    /// batch size, with <paramref name="configure"/>). The schema is created or migrated when the store opens.
    /// </summary>
    public static QuellBuilder UsePostgresStore(
        this QuellBuilder builder, string connectionString, Action<PostgresJobStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptions<PostgresJobStoreOptions>()
            .Configure(store => store.ConnectionString = connectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null) builder.Services.Configure(configure);
        builder.Services.RemoveAll<IJobStore>();
        builder.Services.AddSingleton<IJobStore>(static services =>
            // DI factories are synchronous; this runs once, when the first consumer resolves the store (the host's
            // start), on a thread-pool thread with no synchronization context, so blocking cannot deadlock. An
            // unreachable database or a schema from a newer Quell fails start-up with the store's own message.
            PostgresJobStore.OpenAsync(
                    services.GetRequiredService<IOptions<PostgresJobStoreOptions>>().Value,
                    services.GetRequiredService<IJobEventBus>(),
                    services.GetService<ILogger<PostgresJobStore>>())
                .GetAwaiter().GetResult());
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quell.Events;
using Quell.Storage;
using Quell.Storage.Sqlite;

namespace Quell.Hosting;

/// <summary>Registers the embedded SQLite store.</summary>
public static class SqliteQuellBuilderExtensions
{
    /// <summary>
    /// Stores jobs in <c>quell.db</c> under <see cref="QuellOptions.DataDirectory"/> (override it, the file name
    /// or the batch size with <paramref name="configure"/>).
    /// </summary>
    public static QuellBuilder UseSqliteStore(this QuellBuilder builder, Action<SqliteJobStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SqliteJobStoreOptions>()
            .Configure<IOptions<QuellOptions>>((store, quell) => store.DataDirectory = quell.Value.DataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null) builder.Services.Configure(configure);
        builder.Services.RemoveAll<IJobStore>();
        builder.Services.AddSingleton<IJobStore>(static services =>
            // DI factories are synchronous. Opening is synchronous file work inside (OpenAsync completes before it
            // returns), so blocking here cannot deadlock; it runs once, when the first consumer resolves the store,
            // and a locked or unreadable data directory fails start-up with the store's own message.
            SqliteJobStore.OpenAsync(
                    services.GetRequiredService<IOptions<SqliteJobStoreOptions>>().Value,
                    services.GetRequiredService<IJobEventBus>(),
                    services.GetService<TimeProvider>() ?? TimeProvider.System,
                    services.GetService<ILogger<SqliteJobStore>>())
                .GetAwaiter().GetResult());
        return builder;
    }
}

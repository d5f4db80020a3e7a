using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quell.Hosting;

namespace Quell.Storage.Sqlite.Tests;

public sealed class SqliteQuellBuilderExtensionsTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task UseSqliteStore_opens_the_store_in_the_configured_data_directory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddQuell(q => q.Configure(o => o.DataDirectory = _directory.Path)).UseSqliteStore();
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteJobStore>(provider.GetRequiredService<IJobStore>());

        Assert.Equal(Path.Combine(_directory.Path, "quell.db"), store.DatabasePath);
        Assert.Same(store, provider.GetRequiredService<IJobStore>());
    }

    [Fact]
    public async Task UseSqliteStore_options_override_the_file_name()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddQuell(q => q.Configure(o => o.DataDirectory = _directory.Path))
            .UseSqliteStore(o => o.FileName = "jobs.db");
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteJobStore>(provider.GetRequiredService<IJobStore>());

        Assert.Equal(Path.Combine(_directory.Path, "jobs.db"), store.DatabasePath);
    }

    public void Dispose() => _directory.Dispose();
}

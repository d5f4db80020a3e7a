using Quell.Events;
using Quell.Storage.Contract;

namespace Quell.Storage.Sqlite.Tests;

/// <summary>The store contract against real SQLite files, a fresh directory per test.</summary>
public sealed class SqliteJobStoreContractTests : JobStoreContract, IDisposable
{
    private readonly TempDataDirectory _root = new();
    private int _stores;

    protected override async Task<IJobStore> CreateStoreAsync(IJobEventBus bus)
    {
        var options = new SqliteJobStoreOptions { DataDirectory = Path.Combine(_root.Path, $"store-{++_stores}") };
        return await SqliteJobStore.OpenAsync(options, bus);
    }

    public void Dispose() => _root.Dispose();
}

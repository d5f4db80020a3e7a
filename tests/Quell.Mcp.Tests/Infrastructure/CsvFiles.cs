using Quell.Csv;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>A large demo CSV shared by the tests that watch or stop a long analysis.</summary>
public sealed class BigCsvFixture : IAsyncLifetime
{
    /// <summary>About 240 MB: several seconds of analysis, time enough to watch progress and to cancel.</summary>
    public const long Rows = 4_000_000;

    private readonly TempDirectory _directory = new();

    public string Path => _directory.File("big.csv");

    public Task InitializeAsync() => DemoCsv.WriteAsync(Path, Rows);

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class BigCsvCollection : ICollectionFixture<BigCsvFixture>
{
    public const string Name = "Big CSV";
}

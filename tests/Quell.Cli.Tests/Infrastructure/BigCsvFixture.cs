namespace Quell.Cli.Tests.Infrastructure;

/// <summary>
/// One large demo CSV for the tests that stop a job midway, generated once by <c>quell demo csv</c>. Big enough
/// that its analysis takes several seconds, so there is time to interrupt it.
/// </summary>
public sealed class BigCsvFixture : IAsyncLifetime
{
    public const long Rows = 4_000_000;

    private readonly TempDirectory _directory = new();

    public string Path => _directory.File("big.csv");

    public async Task InitializeAsync()
    {
        var result = await Quell.RunAsync("demo", "csv", "--rows", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path);
        if (result.ExitCode != 0) throw new InvalidOperationException($"Could not write the big demo file.\n{result}");
    }

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

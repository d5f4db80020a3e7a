using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

public sealed class DemoCsvCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Demo_csv_writes_a_parseable_file_with_the_requested_rows()
    {
        var path = _dir.File("x.csv");

        var result = await Infrastructure.Quell.RunAsync("demo", "csv", "--rows", "1000", "--out", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1,000 rows", result.Stdout);
        var records = CsvRecords.FieldCounts(await File.ReadAllTextAsync(path));
        Assert.Equal(1001, records.Count); // header + 1000 rows
        Assert.All(records, fields => Assert.Equal(records[0], fields));
    }

    [Fact]
    public async Task Demo_csv_without_rows_is_a_usage_error()
    {
        var result = await Infrastructure.Quell.RunAsync("demo", "csv", "--out", _dir.File("x.csv"));

        Assert.Equal(2, result.ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}

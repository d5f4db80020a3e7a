namespace Quell.Csv;

public sealed class DemoCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Demo_csv_is_deterministic_and_parses()
    {
        var first = _files.PathOf("first.csv");
        var second = _files.PathOf("second.csv");
        var other = _files.PathOf("other.csv");
        await DemoCsv.WriteAsync(first, 20_000);
        await DemoCsv.WriteAsync(second, 20_000);
        await DemoCsv.WriteAsync(other, 20_000, seed: 7);
        var context = new RecordingJobContext();

        var result = await new CsvAnalyzeJob().ExecuteAsync(new CsvAnalyzeInput { Paths = [first] }, context);

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        Assert.NotEqual(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(other));
        Assert.Empty(context.Failures);
        var file = Assert.Single(result.Files);
        Assert.Equal(20_000, file.Rows);
        Assert.Equal(DemoCsv.Header.Split(','), file.Columns.Select(c => c.Name));
        var byName = file.Columns.ToDictionary(c => c.Name);
        Assert.Equal(20_000, byName["id"].NumericCount);
        Assert.Equal((1.0, 20_000.0), (byName["id"].Min, byName["id"].Max));
        Assert.Equal("US", byName["country"].TopValues[0].Value);
        Assert.True(byName["amount"].Empty > 0);
        Assert.True(byName["rating"].Empty > 0);
        Assert.Contains(byName["comment"].TopValues, t => t.Value.Contains(',', StringComparison.Ordinal));
        Assert.InRange(byName["rating"].Mean!.Value, 2.8, 3.2);
    }
}

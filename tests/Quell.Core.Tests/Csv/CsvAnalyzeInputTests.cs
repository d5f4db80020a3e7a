using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Hosting;

namespace Quell.Csv;

public sealed class CsvAnalyzeInputTests
{
    [Fact]
    public void Input_without_paths_is_invalid()
    {
        Assert.NotEmpty(new CsvAnalyzeInput().Validate());
        Assert.NotEmpty(new CsvAnalyzeInput { Paths = null! }.Validate());
    }

    [Fact]
    public void Empty_path_is_invalid_and_named_by_position()
    {
        var problems = new CsvAnalyzeInput { Paths = ["a.csv", " "] }.Validate();

        Assert.Equal("paths[1] is empty; give a file path.", Assert.Single(problems));
    }

    [Fact]
    public void More_than_a_thousand_paths_are_invalid()
    {
        var paths = Enumerable.Range(0, 1_001).Select(i => $"{i}.csv").ToArray();

        Assert.Single(new CsvAnalyzeInput { Paths = paths }.Validate());
        Assert.Empty(new CsvAnalyzeInput { Paths = paths[..1_000] }.Validate());
    }

    [Fact]
    public void Input_is_read_from_camel_case_json()
    {
        var input = JsonSerializer.Deserialize<CsvAnalyzeInput>("""{"paths": ["a.csv", "b.csv"]}""", QuellBuilder.HandlerJsonOptions);

        Assert.Equal(["a.csv", "b.csv"], input!.Paths);
        Assert.Empty(input.Validate());
    }

    [Fact]
    public void AddCsvAnalyze_registers_a_retry_safe_described_job_type()
    {
        var builder = new ServiceCollection().AddQuell(q => q.AddCsvAnalyze());

        var registration = builder.JobTypes[CsvAnalyzeJob.JobType];
        Assert.Equal("csv.analyze", registration.Type);
        Assert.True(registration.Options.SafeToRetry);
        Assert.False(string.IsNullOrWhiteSpace(registration.Options.Description));
    }
}

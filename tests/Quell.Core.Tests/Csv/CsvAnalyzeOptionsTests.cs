using Quell.Csv;

namespace Quell.Csv;

public sealed class CsvAnalyzeOptionsTests
{
    [Fact]
    public void No_roots_allow_every_path()
    {
        Assert.True(new CsvAnalyzeOptions().Allows("/etc/passwd"));
    }

    [Fact]
    public void Roots_allow_only_paths_beneath_them_even_with_dot_dot_tricks()
    {
        var root = Path.Combine(Path.GetTempPath(), "quell-roots");
        var options = new CsvAnalyzeOptions { AllowedRoots = { root } };

        Assert.True(options.Allows(Path.Combine(root, "a.csv")));
        Assert.True(options.Allows(Path.Combine(root, "sub", "b.csv")));
        Assert.False(options.Allows(Path.Combine(root, "..", "x.csv")));
        Assert.False(options.Allows(root + "-sibling/a.csv"));
        Assert.False(options.Allows("/etc/passwd"));
    }

    [Fact]
    public async Task A_path_outside_the_roots_is_a_failed_item_and_is_never_read()
    {
        var outside = Path.GetTempFileName();
        await File.WriteAllTextAsync(outside, "secret\nvalue\n");
        var options = new CsvAnalyzeOptions { AllowedRoots = { Path.Combine(Path.GetTempPath(), "quell-empty-root") } };
        var context = new RecordingJobContext();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new CsvAnalyzeJob(Microsoft.Extensions.Options.Options.Create(options)).ExecuteAsync(new CsvAnalyzeInput { Paths = [outside] }, context));

        Assert.Contains("outside the directories", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        File.Delete(outside);
    }
}

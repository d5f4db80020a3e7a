namespace Quell.Files;

public sealed class FileReplacementTests : IDisposable
{
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("quell-replace-");

    private string PathOf(string name) => Path.Combine(_sandbox.FullName, name);

    [Fact]
    public async Task A_link_planted_at_the_name_is_replaced_and_its_target_left_untouched()
    {
        var victim = PathOf("victim.txt");
        await File.WriteAllTextAsync(victim, "precious");
        var report = PathOf("report.md");
        File.CreateSymbolicLink(report, victim);

        await FileReplacement.WriteTextAsync(report, "the report");

        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
        Assert.Null(new FileInfo(report).LinkTarget);
        Assert.Equal("the report", await File.ReadAllTextAsync(report));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var path = PathOf("data.csv");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() => FileReplacement.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("half"u8.ToArray(), token);
            throw new InvalidOperationException("disk full, say");
        }));

        Assert.Equal("old", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_sandbox.FullName));
    }

    [Fact]
    public async Task Without_overwrite_an_existing_file_wins()
    {
        var path = PathOf("data.csv");
        await File.WriteAllTextAsync(path, "first");

        Assert.False(await FileReplacement.WriteTextAsync(path, "second", overwrite: false));
        Assert.True(await FileReplacement.WriteTextAsync(PathOf("new.csv"), "fresh", overwrite: false));

        Assert.Equal("first", await File.ReadAllTextAsync(path));
        Assert.Equal("fresh", await File.ReadAllTextAsync(PathOf("new.csv")));
        Assert.Equal(2, Directory.GetFiles(_sandbox.FullName).Length);
    }

    public void Dispose() => _sandbox.Delete(recursive: true);
}

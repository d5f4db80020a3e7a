namespace Quell.Files;

/// <summary>
/// Real-path checks: links, <c>..</c> and <c>/proc</c> names lead where the kernel would take them, and the check
/// is repeated on the file actually opened.
/// </summary>
public sealed class AllowedRootsTests : IDisposable
{
    private const string Secret = "secret-outside-the-root";
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("quell-roots-");

    public AllowedRootsTests()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Root, "inside.csv"), "a\n1\n");
        File.WriteAllText(OutsideFile, Secret);
    }

    private string Root => Path.Combine(_sandbox.FullName, "root");

    private string Outside => Path.Combine(_sandbox.FullName, "outside");

    private string OutsideFile => Path.Combine(Outside, "secret.csv");

    private AllowedRoots Roots() => new([Root], "Test:Roots");

    [Fact]
    public void A_plain_file_under_the_root_is_allowed_and_opened()
    {
        using var stream = Roots().OpenRead(Path.Combine(Root, "inside.csv"), 0, FileOptions.None);

        Assert.Equal("a\n1\n", new StreamReader(stream).ReadToEnd());
    }

    [Fact]
    public void A_link_to_a_file_outside_is_refused()
    {
        var link = Path.Combine(Root, "evil.csv");
        File.CreateSymbolicLink(link, OutsideFile);

        Assert.False(Roots().Allows(link));
        AssertRefused(link);
    }

    [Fact]
    public void A_file_under_a_link_to_a_directory_outside_is_refused_whether_it_exists_or_not()
    {
        var link = Path.Combine(Root, "elsewhere");
        Directory.CreateSymbolicLink(link, Outside);

        AssertRefused(Path.Combine(link, "secret.csv"));
        // A missing file under the link must not say "not found" either: that would tell what exists outside.
        Assert.False(Roots().Allows(Path.Combine(link, "missing.csv")));
    }

    [Fact]
    public void Dot_dot_out_of_the_root_is_refused_even_through_a_link_that_climbs_first()
    {
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "up"), Path.Combine(Outside));

        AssertRefused(Path.Combine(Root, "..", "outside", "secret.csv"));
        // root/up/.. is the sandbox (the link's parent is outside), not root/: the kernel's reading, not the string's.
        AssertRefused(Path.Combine(Root, "up", "..", "outside", "secret.csv"));
        Assert.True(Roots().Allows(Path.Combine(Root, "sub", "..", "inside.csv")));
    }

    [Fact]
    public void Proc_names_that_are_links_are_refused_when_proc_is_not_a_root()
    {
        if (!OperatingSystem.IsLinux()) return;
        AssertRefused("/proc/self/environ");
        AssertRefused("/etc/passwd");
    }

    [Fact]
    public void A_sibling_whose_name_starts_like_the_root_is_refused()
    {
        var sibling = Root + "-sibling";
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "a.csv"), Secret);

        AssertRefused(Path.Combine(sibling, "a.csv"));
    }

    [Fact]
    public void A_root_named_through_a_link_allows_the_files_it_leads_to()
    {
        var rootLink = Path.Combine(_sandbox.FullName, "root-link");
        Directory.CreateSymbolicLink(rootLink, Root);
        var roots = new AllowedRoots([rootLink], "Test:Roots");

        Assert.True(roots.Allows(Path.Combine(Root, "inside.csv")));
        using var stream = roots.OpenRead(Path.Combine(rootLink, "inside.csv"), 0, FileOptions.None);
    }

    [Fact]
    public async Task A_link_swapped_between_inside_and_outside_never_opens_the_outside_file()
    {
        // One thread flips the link as fast as it can while this one opens it; whatever interleaving happens, a
        // stream that comes back reads the inside file, and the refusals say nothing of the secret.
        var link = Path.Combine(Root, "flipping.csv");
        var inside = Path.Combine(Root, "inside.csv");
        File.CreateSymbolicLink(link, inside);
        var roots = Roots();
        using var stop = new CancellationTokenSource();
        var flipper = Task.Run(() =>
        {
            var toOutside = true;
            var temp = link + ".next";
            while (!stop.IsCancellationRequested)
            {
                File.CreateSymbolicLink(temp, toOutside ? OutsideFile : inside);
                File.Move(temp, link, overwrite: true); // rename(2): the swap is atomic
                toOutside = !toOutside;
            }
        });
        int opened = 0, refused = 0;
        try
        {
            for (var i = 0; i < 2_000; i++)
            {
                try
                {
                    using var stream = roots.OpenRead(link, 0, FileOptions.None);
                    Assert.Equal("a\n1\n", new StreamReader(stream).ReadToEnd());
                    opened++;
                }
                catch (PathNotAllowedException e)
                {
                    Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
                    refused++;
                }
                catch (FileNotFoundException)
                {
                    // The link was resolved to nothing for an instant; nothing was read.
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await flipper;
        }
        Assert.True(opened + refused > 0);
    }

    private void AssertRefused(string path)
    {
        var roots = Roots();
        Assert.False(roots.Allows(path));
        var error = Assert.Throws<PathNotAllowedException>(() => roots.OpenRead(path, 0, FileOptions.None));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Test:Roots", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Delete(recursive: true);
}

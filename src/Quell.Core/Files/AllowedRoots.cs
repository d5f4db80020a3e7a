namespace Quell.Files;

/// <summary>
/// The directories a server may read on its callers' behalf, checked on real paths: a path is allowed when the
/// file it leads to (after every link, <c>..</c> and mount point in the name) lies under a root, and an opened file
/// is checked again by its handle, so a link swapped in between the check and the open does not win.
/// </summary>
public sealed class AllowedRoots
{
    private readonly string[] _roots;

    /// <summary>Resolves <paramref name="roots"/>; <paramref name="setting"/> names where they come from, for errors.</summary>
    public AllowedRoots(IEnumerable<string> roots, string setting)
    {
        ArgumentNullException.ThrowIfNull(roots);
        Setting = setting;
        _roots = [.. roots.Select(root => WithSeparator(RealPath.Resolve(root))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The setting the roots come from, such as <c>Quell:Csv:AllowedRoots</c>.</summary>
    public string Setting { get; }

    /// <summary>True when the real path of <paramref name="path"/> lies under a root.</summary>
    public bool Allows(string path) => Contains(RealPath.Resolve(path));

    /// <summary>
    /// Opens <paramref name="path"/> for reading when it lies under a root, and checks that the file opened does.
    /// Nothing outside the roots is read, and the error never says more than that the path was refused.
    /// </summary>
    /// <exception cref="PathNotAllowedException">The path, or the file actually opened, is outside every root.</exception>
    public FileStream OpenRead(string path, int bufferSize, FileOptions options)
    {
        var real = RealPath.Resolve(path);
        if (!Contains(real)) throw Refused(path);
        var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options);
        var opened = RealPath.OfOpenFile(stream.SafeFileHandle) ?? RealPath.Resolve(real);
        if (Contains(opened)) return stream;
        stream.Dispose();
        throw Refused(path);
    }

    private bool Contains(string realPath) =>
        _roots.Any(root => realPath.StartsWith(root, StringComparison.Ordinal) || realPath + Path.DirectorySeparatorChar == root);

    private PathNotAllowedException Refused(string path) => new(
        $"{path}: outside the directories this server may read ({Setting}), once links and '..' are resolved.");

    private static string WithSeparator(string directory) => Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
}

namespace Quell.Csv;

/// <summary>
/// Where <c>csv.analyze</c> may read. A server analyses files named by its callers, so it should say which
/// directories they may name; an empty list (the library default, right for the local CLI) allows any path.
/// </summary>
public sealed class CsvAnalyzeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Quell:Csv";

    /// <summary>Directories whose files (at any depth) may be analysed; empty allows every path.</summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>True when <paramref name="path"/>, made absolute and normalized, lies under an allowed root.</summary>
    public bool Allows(string path)
    {
        if (AllowedRoots.Count == 0) return true;
        var full = Path.GetFullPath(path);
        foreach (var root in AllowedRoots)
        {
            var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
            if (full.StartsWith(fullRoot, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

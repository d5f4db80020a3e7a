using Quell.Files;

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

    /// <summary>
    /// True when the real path of <paramref name="path"/> (every link and <c>..</c> resolved) lies under an allowed
    /// root. The job checks again on the file it opens.
    /// </summary>
    public bool Allows(string path) => Roots() is not { } roots || roots.Allows(path);

    /// <summary>The roots resolved to real paths, or null when every path is allowed.</summary>
    internal AllowedRoots? Roots() => AllowedRoots.Count == 0 ? null : new AllowedRoots(AllowedRoots, $"{SectionName}:AllowedRoots");
}

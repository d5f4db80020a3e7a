namespace Quell.Workflows.Loading;

/// <summary>
/// Normalizes multi-line text: drops blank lines at both ends, trailing spaces and the indentation common to all
/// lines. XML text carries the indentation of the surrounding markup and YAML block scalars a final newline; after
/// this both read the same.
/// </summary>
internal static class TextBlock
{
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l));
    }
}

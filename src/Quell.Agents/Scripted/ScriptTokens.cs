using System.Text.RegularExpressions;

namespace Quell.Agents.Scripted;

/// <summary>The scripted model's notion of a token: a word with the whitespace after it (leading whitespace alone).</summary>
internal static partial class ScriptTokens
{
    public static IReadOnlyList<string> Split(string text) =>
        string.IsNullOrEmpty(text) ? [] : [.. TokenPattern().Matches(text).Select(m => m.Value)];

    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : TokenPattern().Count(text);

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}

using System.Text;

namespace Quell.Cli.McpCalls;

/// <summary>Splits <c>--command "CMD ARGS"</c> into words as a POSIX shell would: quotes group, a backslash escapes.</summary>
internal static class CommandLineSplitter
{
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < commandLine.Length && commandLine[i + 1] is '"' or '\\') word.Append(commandLine[++i]);
                else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < commandLine.Length)
            {
                word.Append(commandLine[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) throw new CliException($"--command has an unclosed {quote} quote.", ExitCodes.Usage);
        if (inWord) words.Add(word.ToString());
        if (words.Count == 0) throw new CliException("--command is empty; give the server's command line, e.g. \"quell mcp --data DIR\".", ExitCodes.Usage);
        return words;
    }
}

using Spectre.Console;

namespace Quell.Cli.Rendering;

/// <summary>Plain writes to standard output, for JSON and single lines that must not pass through markup.</summary>
internal static class Output
{
    /// <summary>Writes a JSON document as one line, exactly as given.</summary>
    public static void WriteJson(string json) => Console.Out.WriteLine(json);

    public static void WriteLine(string text) => AnsiConsole.Profile.Out.Writer.WriteLine(text);

    /// <summary>True when standard output is a terminal that can redraw a live progress display.</summary>
    public static bool IsInteractive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi && AnsiConsole.Profile.Capabilities.Interactive;
}

using Spectre.Console;

namespace Quell.Cli.Analysis;

/// <summary>Shows a <see cref="ProgressTracker"/> while the watch task runs: a live bar on a terminal, lines otherwise.</summary>
internal abstract class ProgressView
{
    public static ProgressView Create(IAnsiConsole console, bool interactive) =>
        interactive ? new LiveProgressView(console) : new LineProgressView(console);

    public abstract Task ShowAsync(ProgressTracker tracker, Task watching);
}

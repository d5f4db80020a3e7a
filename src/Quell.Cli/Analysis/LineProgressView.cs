using Spectre.Console;

namespace Quell.Cli.Analysis;

/// <summary>For pipes and CI: one plain progress line about every second, and one at the end.</summary>
internal sealed class LineProgressView(IAnsiConsole console) : ProgressView
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task ShowAsync(ProgressTracker tracker, Task watching)
    {
        var announcedCancel = false;
        while (!watching.IsCompleted)
        {
            await Task.WhenAny(watching, Task.Delay(Interval)).ConfigureAwait(false);
            var snapshot = tracker.Snapshot;
            if (snapshot.Cancelling && !announcedCancel)
            {
                console.Profile.Out.Writer.WriteLine("Cancelling…");
                announcedCancel = true;
            }
            console.Profile.Out.Writer.WriteLine(snapshot.ToLine());
        }
        await console.Profile.Out.Writer.FlushAsync().ConfigureAwait(false);
    }
}

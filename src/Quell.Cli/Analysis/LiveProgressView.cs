using Spectre.Console;

namespace Quell.Cli.Analysis;

/// <summary>A Spectre.Console progress bar: bytes, speed, ETA, and rows per second in the description.</summary>
internal sealed class LiveProgressView(IAnsiConsole console) : ProgressView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    public override Task ShowAsync(ProgressTracker tracker, Task watching) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", autoStart: true, maxValue: 1);
                while (!watching.IsCompleted)
                {
                    Update(task, tracker.Snapshot);
                    await Task.WhenAny(watching, Task.Delay(Refresh)).ConfigureAwait(false);
                }
                Update(task, tracker.Snapshot);
                task.StopTask();
            });

    private static void Update(ProgressTask task, ProgressSnapshot snapshot)
    {
        if (snapshot.TotalBytes is { } total and > 0) task.MaxValue = total;
        task.Value = Math.Min(snapshot.Bytes, task.MaxValue);
        var description = Markup.Escape(snapshot.Describe());
        task.Description = snapshot.Cancelling ? $"[yellow]Cancelling…[/] {description}" : description;
    }
}

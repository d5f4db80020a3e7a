using System.Globalization;
using Quell.Mcp.Client;
using Spectre.Console;

namespace Quell.Cli.McpCalls;

/// <summary>Shows an operation's progress until it ends: a live bar on a terminal, a plain line a second otherwise.</summary>
internal static class McpCallProgressView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(1);

    public static Task ShowAsync(IAnsiConsole console, bool interactive, McpOperation operation, Func<bool> cancelling) =>
        interactive ? ShowLiveAsync(console, operation, cancelling) : ShowLinesAsync(console, operation, cancelling);

    private static Task ShowLiveAsync(IAnsiConsole console, McpOperation operation, Func<bool> cancelling) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(operation.ToolName), autoStart: true, maxValue: 100);
                while (!operation.Completion.IsCompleted)
                {
                    Update(task, operation, cancelling());
                    await Task.WhenAny(operation.Completion, Task.Delay(Refresh)).ConfigureAwait(false);
                }
                Update(task, operation, cancelling());
                // The response is the completion: the last progress notifications may never be delivered.
                if (operation.Status == McpOperationStatus.Completed) task.Value = task.MaxValue;
                task.StopTask();
            });

    private static void Update(ProgressTask task, McpOperation operation, bool cancelling)
    {
        if (operation.Progress is { } progress)
        {
            if (progress.Total is > 0 and var total) task.MaxValue = total;
            else task.IsIndeterminate = true;
            task.Value = Math.Min(progress.Progress, task.MaxValue);
        }
        var description = Markup.Escape(Describe(operation));
        task.Description = cancelling ? $"[yellow]Cancelling…[/] {description}" : description;
    }

    private static async Task ShowLinesAsync(IAnsiConsole console, McpOperation operation, Func<bool> cancelling)
    {
        var writer = console.Profile.Out.Writer;
        string? last = null;
        var announcedCancel = false;
        while (!operation.Completion.IsCompleted)
        {
            await Task.WhenAny(operation.Completion, Task.Delay(LineInterval)).ConfigureAwait(false);
            if (cancelling() && !announcedCancel)
            {
                await writer.WriteLineAsync("Cancelling…").ConfigureAwait(false);
                announcedCancel = true;
            }
            var line = Describe(operation);
            if (line != last && operation.Progress is not null) await writer.WriteLineAsync(line).ConfigureAwait(false);
            last = line;
        }
        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static string Describe(McpOperation operation)
    {
        if (operation.Progress is not { } progress) return $"{operation.ToolName}: waiting for progress";
        var amount = progress.Total is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{progress.Progress / total * 100:0.0}%")
            : progress.Progress.ToString("N0", CultureInfo.InvariantCulture);
        return progress.Message is { Length: > 0 } message ? $"{message} ({amount})" : $"{operation.ToolName}: {amount}";
    }
}

using Quell.Server.Jobs;
using Quell.Cancellation;
using Quell.Cli.Client;
using Quell.Jobs;
using Spectre.Console;

namespace Quell.Cli.Rendering;

/// <summary>Jobs as tables for people.</summary>
internal static class JobRenderer
{
    public static void WriteList(JobListDto page)
    {
        if (page.Items.Count == 0)
        {
            Output.WriteLine(page.Total == 0 ? "No jobs." : $"No jobs on this page ({page.Total} in all).");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Id", "Type", "Status", "Progress", "Created", "Finished");
        foreach (var job in page.Items)
        {
            table.AddRow(Markup.Escape(job.Id), Markup.Escape(job.Type), Status(job.Status),
                Markup.Escape(Progress(job)), Formats.Time(job.CreatedAt), Formats.Time(job.FinishedAt));
        }
        AnsiConsole.Write(table);
        var last = page.Offset + page.Items.Count;
        Output.WriteLine($"{page.Offset + 1}–{last} of {page.Total} jobs.");
    }

    public static void WriteJob(JobDto job)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "Id", job.Id);
        Row(grid, "Type", job.Type);
        grid.AddRow(new Markup("[grey]Status[/]"), new Markup(Status(job.Status)));
        Row(grid, "Attempt", job.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(grid, "Progress", Progress(job));
        Row(grid, "Created", Formats.Time(job.CreatedAt));
        Row(grid, "Started", Formats.Time(job.StartedAt));
        Row(grid, "Finished", Formats.Time(job.FinishedAt));
        if (job.Cancellation is { } cancellation) Row(grid, "Cancellation", Describe(cancellation));
        if (job.Error is { } error) Row(grid, "Error", error);
        if (job.DependsOn.Count > 0) Row(grid, "Depends on", string.Join(", ", job.DependsOn));
        AnsiConsole.Write(grid);
        if (job.Result is { } result && CsvStatsRenderer.TryWriteAnalysis(result)) return;
        if (job.Result is { } other) Output.WriteLine(other.GetRawText());
    }

    public static string Describe(CancellationInfo cancellation)
    {
        var text = cancellation.Reason.ToWireName();
        if (!string.IsNullOrEmpty(cancellation.Message)) text += $": {cancellation.Message}";
        if (!string.IsNullOrEmpty(cancellation.RequestedBy)) text += $" (by {cancellation.RequestedBy}, {Formats.Time(cancellation.RequestedAt)})";
        return text;
    }

    public static string Status(JobStatus status) => status switch
    {
        JobStatus.Completed => "[green]completed[/]",
        JobStatus.Failed => "[red]failed[/]",
        JobStatus.Cancelled => "[yellow]cancelled[/]",
        JobStatus.Cancelling => "[yellow]cancelling[/]",
        JobStatus.Running => "[blue]running[/]",
        _ => status.ToWireName(),
    };

    private static string Progress(JobDto job) => job.Progress switch
    {
        null => "",
        { Percent: { } percent, Message: var message } => $"{percent:0.0}% {message}".TrimEnd(),
        { Current: var current, Message: var message } => $"{Formats.Count(current)} {message}".TrimEnd(),
    };

    private static void Row(Grid grid, string name, string value) =>
        grid.AddRow(new Markup($"[grey]{name}[/]"), new Text(value));
}

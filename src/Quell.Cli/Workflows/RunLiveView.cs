using Quell.Workflows.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Quell.Cli.Workflows;

/// <summary>
/// The terminal's live view of a run: every element with its state, the streamed text of the running agentic
/// tasks (with their model, labelled <c>scripted</c> when it is), and the tool calls; redrawn ten times a second.
/// </summary>
internal static class RunLiveView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    public static Task ShowAsync(IAnsiConsole console, LiveRun run, Task watching) =>
        console.Live(new Text("Starting…")).AutoClear(false).StartAsync(async context =>
        {
            while (!watching.IsCompleted)
            {
                context.UpdateTarget(Render(run));
                await Task.WhenAny(watching, Task.Delay(Refresh)).ConfigureAwait(false);
            }
            context.UpdateTarget(Render(run));
        });

    private static Rows Render(LiveRun live)
    {
        var run = live.View();
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(run.WorkflowName ?? run.WorkflowId ?? "workflow")}[/] run {Markup.Escape(run.RunId)}: {Markup.Escape(run.Outcome ?? run.Status)}"),
        };
        var elements = new Table().Border(TableBorder.Rounded).AddColumns("Element", "Type", "State", "Tokens");
        foreach (var e in run.Elements)
        {
            var status = RunText.Status(e, run);
            elements.AddRow(
                new Text($"{e.ElementId}  {e.Name}"), new Text(e.ElementType ?? ""),
                new Markup($"[{Colour(status)}]{Markup.Escape(status)}[/]{(e.Cancellable && e.Status == "running" ? " (cancellable)" : "")}"),
                new Text(e.TokensUsed > 0 ? e.TokensUsed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : ""));
        }
        rows.Add(elements);
        foreach (var message in run.Messages.Where(m => m.Status == "streaming"))
        {
            rows.Add(new Panel(new Text(RunText.Tail(message.Content, 4)))
                .Header($"{message.ElementId} · {RunText.Model(message.Model)}").Border(BoxBorder.Rounded));
        }
        foreach (var call in run.ToolCalls.Where(c => c.Status == "running").Concat(run.ToolCalls.Where(c => c.Status != "running").TakeLast(3)))
        {
            rows.Add(new Markup($"  tool {Markup.Escape(call.ElementId)} #{call.Index} {Markup.Escape(call.Tool)}: [{Colour(call.Status)}]{Markup.Escape(call.Status)}[/]"));
        }
        rows.Add(new Markup(live.Notice is { } notice
            ? $"[yellow]{Markup.Escape(notice)}[/]"
            : "[grey]Ctrl+C cancels the running tasks; a second Ctrl+C cancels the run.[/]"));
        return new Rows(rows);
    }

    private static string Colour(string status) => status switch
    {
        "completed" or "complete" or "success" => "green",
        "cancelled" or "cancelling" => "yellow",
        "failed" => "red",
        "streaming" or "running" => "blue",
        _ => "default",
    };
}

using System.Globalization;
using Quell.Workflows.Runs;
using Spectre.Console;

namespace Quell.Cli.Workflows;

/// <summary>Prints a run's elements, its outcome, and what each cancelled task kept (its partial result).</summary>
internal static class RunSummaryRenderer
{
    public static void Write(IAnsiConsole console, RunView run, string? error)
    {
        var elements = new Table().Border(TableBorder.Rounded).AddColumns("Element", "Type", "State", "Tokens", "Detail");
        foreach (var e in run.Elements)
        {
            elements.AddRow(
                new Text(e.ElementId), new Text(e.ElementType ?? ""), new Text(e.Status),
                new Text(e.TokensUsed > 0 ? e.TokensUsed.ToString("N0", CultureInfo.InvariantCulture) : ""),
                new Text(Detail(e)));
        }
        console.Write(elements);
        foreach (var e in run.Elements.Where(e => e.PartialResult is not null))
        {
            console.WriteLine($"Partial result of {e.ElementId}:");
            if (RunText.String(e.PartialResult, "reason") is { } reason) console.WriteLine($"  reason: {reason}");
            if (RunText.Number(e.PartialResult, "tokens_used") is { } tokens) console.WriteLine($"  tokens used: {tokens}");
            if (RunText.Count(e.PartialResult, "tool_results") is { } tools) console.WriteLine($"  completed tool results: {tools}");
            if (RunText.String(e.PartialResult, "partial_response") is { } text)
            {
                console.WriteLine($"  partial response: {text.Trim().ReplaceLineEndings(" ")}");
            }
        }
        var outcome = run.Outcome ?? run.Status;
        console.WriteLine(error is null ? $"Run {run.RunId} finished: {outcome}." : $"Run {run.RunId} finished: {outcome} ({error}).");
    }

    private static string Detail(ElementView e) => e.Status switch
    {
        "cancelled" => RunText.String(e.PartialResult, "reason") ?? e.CancelRequest?.Message ?? "cancelled",
        "failed" => e.Error ?? "",
        // An agentic task's output is its AgentResult: show the answer, not the document.
        _ when RunText.String(e.Output, "response") is { } response => Shorten(response),
        _ when e.Output is { ValueKind: System.Text.Json.JsonValueKind.String } text => Shorten(text.GetString()!),
        _ when e.Output is { } output => Shorten(output.GetRawText()),
        _ => "",
    };

    private static string Shorten(string text)
    {
        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}

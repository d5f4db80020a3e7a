using Quell.Workflows.Runs;

namespace Quell.Cli.Workflows;

/// <summary>
/// The run as lines, for output that is not a terminal: one line per element state, tool call state and finished
/// message, written when it changes.
/// </summary>
internal static class RunLineView
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task ShowAsync(TextWriter output, LiveRun run, Task watching)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        string? notice = null;
        while (true)
        {
            var done = watching.IsCompleted;
            var view = run.View();
            foreach (var e in view.Elements)
            {
                var status = RunText.Status(e, view);
                var model = view.Messages.LastOrDefault(m => m.ElementId == e.ElementId) is { } m ? $" ({RunText.Model(m.Model)})" : "";
                Emit(seen, output, "element:" + e.ElementId, status, $"{e.ElementId}: {status}{(status == "streaming" ? model : "")}");
            }
            foreach (var c in view.ToolCalls)
            {
                Emit(seen, output, "tool:" + c.ToolCallId, c.Status, $"{c.ElementId}: tool #{c.Index} {c.Tool} {c.Status}");
            }
            foreach (var m in view.Messages.Where(m => m.Status != "streaming"))
            {
                Emit(seen, output, "message:" + m.MessageId, m.Status,
                    $"{m.ElementId} ({RunText.Model(m.Model)}, {m.Status}): {m.Content.Trim().ReplaceLineEndings(" ")}");
            }
            if (run.Notice is { } n && n != notice) output.WriteLine(notice = n);
            if (done) return;
            await Task.WhenAny(watching, Task.Delay(Poll)).ConfigureAwait(false);
        }
    }

    private static void Emit(Dictionary<string, string> seen, TextWriter output, string key, string state, string line)
    {
        if (seen.TryGetValue(key, out var last) && last == state) return;
        seen[key] = state;
        output.WriteLine(line);
    }
}

using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

/// <summary>
/// The order rules @ag-ui/client's verifier enforces (verifyEvents in its dist), for the events Quell sends. The
/// conformance suite runs the real verifier on recorded streams; this one lets unit tests check thousands of streams.
/// </summary>
internal static class AguiSequenceChecker
{
    public static IReadOnlyList<string> Violations(IEnumerable<AguiEvent> events)
    {
        var problems = new List<string>();
        var messages = new HashSet<string>();
        var toolCalls = new HashSet<string>();
        var steps = new HashSet<string>();
        bool first = true, finished = false, errored = false;
        var i = 0;
        foreach (var e in events)
        {
            var at = $"#{i++} {e.Type}";
            if (errored) problems.Add($"{at}: after RUN_ERROR");
            else if (finished) problems.Add($"{at}: after RUN_FINISHED");
            if (first && e is not RunStartedEvent and not RunErrorEvent) problems.Add($"{at}: first event must be RUN_STARTED");
            if (!first && e is RunStartedEvent) problems.Add($"{at}: RUN_STARTED while the run is active");
            first = false;
            switch (e)
            {
                case TextMessageStartEvent s when !messages.Add(s.MessageId): problems.Add($"{at}: {s.MessageId} already open"); break;
                case TextMessageContentEvent c when !messages.Contains(c.MessageId): problems.Add($"{at}: {c.MessageId} not open"); break;
                case TextMessageContentEvent c when c.Delta.Length == 0: problems.Add($"{at}: empty delta"); break;
                case TextMessageEndEvent end when !messages.Remove(end.MessageId): problems.Add($"{at}: {end.MessageId} not open"); break;
                case ToolCallStartEvent s when !toolCalls.Add(s.ToolCallId): problems.Add($"{at}: {s.ToolCallId} already open"); break;
                case ToolCallArgsEvent a when !toolCalls.Contains(a.ToolCallId): problems.Add($"{at}: {a.ToolCallId} not open"); break;
                case ToolCallEndEvent end when !toolCalls.Remove(end.ToolCallId): problems.Add($"{at}: {end.ToolCallId} not open"); break;
                case StepStartedEvent s when !steps.Add(s.StepName): problems.Add($"{at}: step {s.StepName} already active"); break;
                case StepFinishedEvent s when !steps.Remove(s.StepName): problems.Add($"{at}: step {s.StepName} not started"); break;
                case RunFinishedEvent:
                    if (steps.Count + messages.Count + toolCalls.Count > 0)
                    {
                        problems.Add($"{at}: still open: {string.Join(", ", steps.Concat(messages).Concat(toolCalls))}");
                    }
                    finished = true;
                    break;
                case RunErrorEvent: errored = true; break;
            }
        }
        return problems;
    }
}

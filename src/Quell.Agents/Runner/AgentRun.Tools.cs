using System.Globalization;
using Microsoft.Extensions.AI;
using Quell.Agents.Tools;

namespace Quell.Agents.Runner;

/// <summary>The tool half of a run: checkpoints around each call, and what a cancel does to a call in flight.</summary>
internal sealed partial class AgentRun
{
    private async Task RunToolsAsync(List<FunctionCallContent> calls)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var index = _toolIndex + 1;
            var label = $"tool #{index.ToString(CultureInfo.InvariantCulture)} ({call.Name})";
            await CheckpointAsync("before_tool", label, $"before {label}").ConfigureAwait(false);
            _toolIndex = index;
            var outcome = await CallToolAsync(call, index, label).ConfigureAwait(false);
            if (outcome.Status == AgentToolCallOutcome.Cancelled) throw new AgentStoppedException("after_tool", label, $"during {label}");

            _toolResults.Add(new AgentToolResult(call.Name, outcome.Result, outcome.Status));
            object? forModel = outcome.Status == AgentToolCallOutcome.Complete ? outcome.Result : $"Error: {outcome.Error}";
            _messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, forModel)]));
            if (i < calls.Count - 1 && StopRequested)
            {
                // More calls are pending: record this checkpoint and let the next before_tool name the tool that will not run.
                await _events.CheckpointAsync("after_tool", label).ConfigureAwait(false);
                continue;
            }
            await CheckpointAsync("after_tool", label, $"after {label}").ConfigureAwait(false);
        }
    }

    private async Task<AgentToolCallOutcome> CallToolAsync(FunctionCallContent call, int index, string label)
    {
        var toolCallId = $"{_runId}-t{index.ToString(CultureInfo.InvariantCulture)}";
        var arguments = Arguments(call);
        await _events.ToolStartAsync(toolCallId, call.Name, arguments, index, _turnMessageId).ConfigureAwait(false);
        // By default a tool in flight is waited for: its call listens to no token. With cancelInFlightTools it
        // listens to the run's, and a cancel reaches the server as notifications/cancelled.
        var cancelWhen = _task.CancelInFlightTools ? _cancellation.Token : CancellationToken.None;
        var outcome = await _tools.CallAsync(call.Name, arguments, () => Reason($"during {label}"), cancelWhen).ConfigureAwait(false);
        await _events.ToolEndAsync(toolCallId, call.Name, index, outcome).ConfigureAwait(false);
        return outcome;
    }

    private string Reason(string where) =>
        $"{StopDescriptions.Subject(_cancellation.Info?.Reason ?? (_budgetExceeded ? Quell.Cancellation.CancellationReason.ResourceLimit : null))} {where}";
}

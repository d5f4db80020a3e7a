using Microsoft.Extensions.AI;
using Quell.Agents.Events;
using Quell.Agents.Tools;

namespace Quell.Agents.Runner;

/// <summary>
/// Runs one agentic task: streams the model's answer, calls the tools it asks for, and repeats until it answers.
/// Checks for cancellation at every checkpoint (between streamed chunks, before and after each tool, between
/// retries) and records each as <c>task.checkpoint</c>. On a cancel it stops streaming at once, keeping the text so
/// far, never starts another tool, and returns the seed's partial result instead of throwing.
/// </summary>
/// <param name="timeProvider">The clock of retry pauses; <see cref="TimeProvider.System"/> by default.</param>
public sealed class AgentRunner(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs <paramref name="task"/> to an answer or to a cancel.</summary>
    /// <param name="task">Prompts, retries, budget and in-flight tool policy (its model and tool sources are not used here: pass the client and toolbox).</param>
    /// <param name="client">The model.</param>
    /// <param name="tools">The tools the model may call; null for none.</param>
    /// <param name="cancellation">How the run learns it must stop.</param>
    /// <param name="events">Where the task's events go.</param>
    /// <param name="progress">Called after every streamed chunk; null for none.</param>
    /// <returns>A completed result, or a cancelled one with the partial result.</returns>
    /// <exception cref="ArgumentException">The task is invalid.</exception>
    /// <exception cref="Exception">A model call failed for good (not retryable, or out of retries): the task failed.</exception>
    public Task<AgentResult> RunAsync(
        AgentTask task, IChatClient client, AgentToolbox? tools, AgentCancellation cancellation, IAgentEventSink events,
        Action<AgentStreamProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentNullException.ThrowIfNull(events);
        var problems = task.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(task));
        return new AgentRun(task, client, tools ?? AgentToolbox.CreateEmpty(), cancellation, events, progress, _time).RunAsync();
    }
}

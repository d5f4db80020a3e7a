namespace Quell.Agents.Runner;

/// <summary>Unwinds an agent run from the checkpoint that noticed a cancel to the code that builds the partial result.</summary>
/// <param name="checkpoint">The checkpoint's name (<c>between_chunks</c>, <c>before_tool</c>, …).</param>
/// <param name="detail">What the checkpoint was at ("tool #4 (generate_report)").</param>
/// <param name="where">The end of the reason sentence ("before tool #4 (generate_report)").</param>
#pragma warning disable CA1032, CA1064 // internal control flow, never seen outside the runner
internal sealed class AgentStoppedException(string checkpoint, string? detail, string where) : Exception($"Stopped {where}.")
#pragma warning restore CA1032, CA1064
{
    public string Checkpoint { get; } = checkpoint;

    public string? Detail { get; } = detail;

    public string Where { get; } = where;
}

using System.Text.Json;

namespace Quell.Workflows.Engine;

/// <summary>The result of a <c>workflow.run</c> job that ended with outcome <c>success</c>.</summary>
/// <param name="Outcome">Always <c>success</c> (a failed or cancelled run has no result).</param>
/// <param name="Outputs">Each completed element's output, by element id.</param>
public sealed record WorkflowRunResult(string Outcome, IReadOnlyDictionary<string, JsonElement> Outputs);

using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Jobs;
using Quell.Workflows.Model;

namespace Quell.Workflows.Engine;

/// <summary>
/// The input of a <c>workflow.run</c> job. It carries the definition's text, not just its id, so a run is
/// reproducible (and resumable) even if the workflow is edited after it started.
/// </summary>
public sealed record WorkflowRunInput : IValidatableJobInput
{
    /// <summary>The catalog id the run was started from.</summary>
    public string WorkflowId { get; init; } = "";

    /// <summary><c>yaml</c> or <c>bpmn</c>.</summary>
    public string Format { get; init; } = "yaml";

    /// <summary>The definition text.</summary>
    public string Source { get; init; } = "";

    /// <summary>The run's input variables, a JSON object; null for none.</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The conversation the run belongs to (AG-UI's <c>threadId</c>), if any.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The format as the loader's enum, or null when <see cref="Format"/> is not one we read.</summary>
    [JsonIgnore]
    public WorkflowFormat? ParsedFormat => Format?.ToUpperInvariant() switch
    {
        "YAML" => WorkflowFormat.Yaml,
        "BPMN" => WorkflowFormat.Bpmn,
        _ => null,
    };

    /// <summary>The wire name of <paramref name="format"/>.</summary>
    public static string FormatName(WorkflowFormat format) => format == WorkflowFormat.Bpmn ? "bpmn" : "yaml";

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(WorkflowId)) problems.Add("workflowId is required.");
        if (ParsedFormat is null) problems.Add("format must be 'yaml' or 'bpmn'.");
        if (string.IsNullOrWhiteSpace(Source)) problems.Add("source (the definition text) is required.");
        if (Variables is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }) problems.Add("variables must be a JSON object.");
        return problems;
    }
}

using Quell.Workflows.Catalog;

namespace Quell.Server.Workflows;

/// <summary>A workflow as <c>GET /api/workflows</c> and <c>PUT</c> describe it.</summary>
/// <param name="Id">The id it is stored under.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Version">The file's own version label.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Format"><c>yaml</c> or <c>bpmn</c>.</param>
/// <param name="UpdatedAt">When it was last stored.</param>
/// <param name="Elements">Its elements in file order (not in the list, which stays small).</param>
internal sealed record WorkflowSummaryDto(
    string Id, string Name, string? Version, string? Description, string Format, DateTimeOffset UpdatedAt,
    IReadOnlyList<WorkflowElementSummaryDto>? Elements)
{
    public static WorkflowSummaryDto From(StoredWorkflow stored) => new(
        stored.Id, stored.Definition.Name, stored.Definition.Version, stored.Definition.Description,
        WorkflowMediaTypes.WireName(stored.Format), stored.UpdatedAt,
        [.. stored.Definition.Elements.Select(e => new WorkflowElementSummaryDto(e.Id, e.TypeName, e.Name))]);

    public static WorkflowSummaryDto From(WorkflowSummary summary) => new(
        summary.Id, summary.Name, null, summary.Description, WorkflowMediaTypes.WireName(summary.Format), summary.UpdatedAt, null);
}

/// <summary>One element in a workflow summary.</summary>
/// <param name="Id">The element's id.</param>
/// <param name="Type">Its kind as written in YAML (<c>AgenticTask</c>…).</param>
/// <param name="Name">Its display name.</param>
internal sealed record WorkflowElementSummaryDto(string Id, string Type, string? Name);

/// <summary><c>GET /api/workflows</c>.</summary>
/// <param name="Items">Every workflow, by id.</param>
internal sealed record WorkflowListDto(IReadOnlyList<WorkflowSummaryDto> Items);

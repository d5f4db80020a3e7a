using Quell.Workflows.Model;

namespace Quell.Workflows.Catalog;

/// <summary>A workflow as the catalog keeps it: the loaded definition and the text it was loaded from, verbatim.</summary>
/// <param name="Id">The catalog id.</param>
/// <param name="Definition">The validated definition.</param>
/// <param name="Text">The original file text, served back exactly as it was put.</param>
/// <param name="Format">The format of <paramref name="Text"/>.</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record StoredWorkflow(string Id, WorkflowDefinition Definition, string Text, WorkflowFormat Format, DateTimeOffset UpdatedAt);

/// <summary>One line of the catalog's listing.</summary>
/// <param name="Id">The catalog id.</param>
/// <param name="Name">The workflow's display name.</param>
/// <param name="Description">What it is for, if the file says.</param>
/// <param name="Format">The format it is stored in.</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record WorkflowSummary(string Id, string Name, string? Description, WorkflowFormat Format, DateTimeOffset UpdatedAt);

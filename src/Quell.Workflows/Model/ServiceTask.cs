using System.Text.Json;

namespace Quell.Workflows.Model;

/// <summary>Runs a registered job type as a child job and waits for it.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The label, if any.</param>
/// <param name="JobType">The registered job type to run, e.g. <c>csv.analyze</c>.</param>
/// <param name="Input">The job's input object, or <see langword="null"/> for none.</param>
public sealed record ServiceTask(string Id, string? Name, string JobType, JsonElement? Input) : WorkflowTask(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.ServiceTask;
}

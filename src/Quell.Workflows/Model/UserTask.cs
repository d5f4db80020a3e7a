namespace Quell.Workflows.Model;

/// <summary>Waits until a person gives input over the API; the input becomes the task's output.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Name">The label, if any.</param>
/// <param name="Prompt">What the person is asked, a <c>{{variables}}</c> template; <see langword="null"/> for none.</param>
public sealed record UserTask(string Id, string? Name, string? Prompt) : WorkflowTask(Id, Name)
{
    /// <inheritdoc />
    public override string TypeName => ElementTypes.UserTask;
}

using Quell.Workflows.Model;

namespace Quell.Cli.Workflows;

/// <summary>
/// Warns before a run when a tool server's program file is missing: tool commands are relative to the working
/// directory, and the samples start a built dll, so the usual slip is running from elsewhere or before building.
/// </summary>
internal static class ToolPathCheck
{
    public static IEnumerable<string> Warnings(WorkflowDefinition definition)
    {
        var missing = definition.Elements.OfType<AgenticTask>()
            .SelectMany(task => task.Agent.Tools)
            .SelectMany(tool => tool.Args.Where(arg => arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            .Where(path => !File.Exists(path))
            .Distinct(StringComparer.Ordinal);
        foreach (var path in missing)
        {
            yield return $"Warning: the tool server file '{path}' does not exist relative to {Environment.CurrentDirectory}; "
                + "its tasks will fail. The samples expect the repository root as working directory and "
                + "`dotnet build samples/Quell.Samples.FeedbackTools` done first.";
        }
    }
}

using System.CommandLine;

namespace Quell.Cli.Workflows;

/// <summary><c>quell workflow run|replay</c>.</summary>
internal static class WorkflowCommand
{
    public static Command Create() => new("workflow", "Run a workflow file with a live view, or replay a run from its history.")
    {
        WorkflowRunCommand.Create(),
        WorkflowReplayCommand.Create(),
    };
}

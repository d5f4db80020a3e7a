using Quell.Workflows.Mcp;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the workflow tools to an MCP server.</summary>
public static class WorkflowMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds <c>run_workflow</c>. Needs <c>WithQuellTools()</c> (for the call runner) and <c>AddWorkflows()</c> on the
    /// runtime (for the runs service).
    /// </summary>
    public static IMcpServerBuilder WithWorkflowTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTools<RunWorkflowTool>();
    }
}

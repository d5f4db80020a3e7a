using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Quell.Mcp.Tasks;

/// <summary>Adds MCP tasks (spec 2025-11-25, experimental) to Quell's MCP server.</summary>
public static class McpTaskServerBuilderExtensions
{
    /// <summary>
    /// Lets <c>analyze_csv</c> run as a task (<c>execution.taskSupport: "optional"</c>) and serves
    /// <c>tasks/get</c>, <c>tasks/result</c>, <c>tasks/list</c> and <c>tasks/cancel</c> over the Quell runtime.
    /// </summary>
    public static IMcpServerBuilder WithQuellTasks(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(AnalyzeCsvTaskTool.Create());
        builder.Services.TryAddSingleton<TaskProgressForwarder>();
        builder.Services.TryAddSingleton<IMcpTaskStore, JobTaskStore>();
        builder.Services.TryAddSingleton<McpTaskProtocol>();
        return builder.WithMessageFilters(filters =>
        {
            filters.AddIncomingFilter(McpTaskProtocol.Incoming);
            filters.AddOutgoingFilter(McpTaskProtocol.Outgoing);
        });
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Server;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Mcp.Calls;
using Quell.Mcp.Tasks;
using Quell.Mcp.Tools;

namespace Quell.Mcp.Hosting;

/// <summary>Adds Quell's tools to an MCP server.</summary>
public static class QuellMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds <c>analyze_csv</c>, <c>list_jobs</c>, <c>get_job</c>, <c>cancel_job</c> and <c>get_partial_results</c>,
    /// plus a tool for every job type registered with <see cref="JobTypeOptions.ExposeAsMcpTool"/>, over the Quell
    /// runtime registered in the same container (<c>services.AddQuell(...)</c>), with progress notifications and
    /// cancellation, and <see cref="McpJobCalls"/> for tools defined elsewhere:
    /// <c>services.AddMcpServer().WithStdioServerTransport().WithQuellTools()</c>.
    /// </summary>
    public static IMcpServerBuilder WithQuellTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<McpCallRegistry>();
        builder.Services.TryAddSingleton<JobCallRunner>();
        builder.Services.TryAddSingleton(services => new McpJobCalls(services.GetRequiredService<JobCallRunner>()));
        builder.Services.AddOptions<McpServerOptions>().Configure<QuellBuilder>(JobTypeTools.AddTo);
        return builder
            .WithTools<AnalyzeCsvTool>()
            .WithTools<JobTools>()
            .WithMessageFilters(filters => filters
                .AddIncomingFilter(CancelNotificationFilter.Create)
                .AddIncomingFilter(CancelledRequestFilter.Create)
                .AddOutgoingFilter(ResponseSuppressionFilter.Create))
            .WithQuellTasks();
    }
}

using ModelContextProtocol.Server;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Mcp.Tools;

/// <summary>Adds a tool for every job type registered with <see cref="JobTypeOptions.ExposeAsMcpTool"/>.</summary>
internal static class JobTypeTools
{
    /// <summary>Reads the registrations from <see cref="QuellBuilder"/>, not <see cref="IJobService"/>: that would open the store.</summary>
    public static void AddTo(McpServerOptions options, QuellBuilder quell)
    {
        var tools = options.ToolCollection ??= [];
        foreach (var (jobType, typeOptions) in quell.RegisteredJobTypes.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!typeOptions.ExposeAsMcpTool) continue;
            var tool = JobTypeTool.Create(jobType, typeOptions);
            if (tools.Any(existing => existing.ProtocolTool.Name == tool.ProtocolTool.Name))
            {
                throw new InvalidOperationException(
                    $"Job type '{jobType}' would be the MCP tool '{tool.ProtocolTool.Name}', which already exists; give it another name (JobTypeOptions.McpToolName).");
            }
            tools.Add(tool);
        }
    }
}

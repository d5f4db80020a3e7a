using ModelContextProtocol.Server;
using Quell.Jobs;

namespace Quell.Mcp.Tools;

/// <summary>Adds a tool for every job type registered with <see cref="JobTypeOptions.ExposeAsMcpTool"/>.</summary>
internal static class JobTypeTools
{
    public static void AddTo(McpServerOptions options, IJobService jobs)
    {
        var tools = options.ToolCollection ??= [];
        foreach (var (jobType, typeOptions) in jobs.JobTypes.OrderBy(entry => entry.Key, StringComparer.Ordinal))
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

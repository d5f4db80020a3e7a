using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Hosting;

/// <summary>Adds Quell's MCP server to a service collection.</summary>
public static class QuellMcpServiceCollectionExtensions
{
    /// <summary>
    /// Adds an MCP server named <c>quell</c> with Quell's tools (<see cref="QuellMcpServerBuilderExtensions.WithQuellTools"/>).
    /// Add a transport to the result (<c>WithHttpTransport()</c>), or serve stdio with <see cref="QuellMcpStdio.RunAsync"/>.
    /// </summary>
    public static IMcpServerBuilder AddQuellMcpServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddMcpServer(options => options.ServerInfo = new Implementation
        {
            Name = "quell",
            Title = "Quell",
            Version = typeof(QuellMcpServiceCollectionExtensions).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        }).WithQuellTools();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using Quell.Mcp.Calls;

namespace Quell.Mcp.Hosting;

/// <summary>Serves one MCP session over standard input and output (<c>quell mcp</c>).</summary>
public static class QuellMcpStdio
{
    /// <summary>
    /// Serves the MCP server configured in <paramref name="services"/> (<c>AddMcpServer().WithQuellTools()</c>, no
    /// transport) over stdin/stdout until stdin closes or <paramref name="cancellationToken"/> fires. Standard output
    /// carries nothing but the protocol, so logging must go to standard error. Unlike the SDK's
    /// <c>WithStdioServerTransport()</c> hosted service, this returns only after the jobs a closed client left
    /// running were cancelled and stopped, so the caller can stop the runtime afterwards.
    /// </summary>
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var session = McpServer.Create(new StdioServerTransport(options, loggerFactory), options, loggerFactory, services);
        await using (session.ConfigureAwait(false))
        {
            // One session per process: a signal stops the process, so closing calls leave their jobs to the
            // runtime's shutdown (system_shutdown) rather than recording that the client went away.
            var calls = services.GetService<McpCallRegistry>();
            using var stopping = cancellationToken.Register(() => calls?.MarkShuttingDown());
            try
            {
                await QuellMcpSessions.RunAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by a signal: the runtime's shutdown cancels what still runs.
            }
        }
    }
}

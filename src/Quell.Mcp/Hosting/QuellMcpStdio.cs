using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using Quell.Mcp.Calls;
using Quell.Mcp.Tasks;

namespace Quell.Mcp.Hosting;

/// <summary>Serves one MCP session over standard input and output (<c>quell mcp</c>).</summary>
public static class QuellMcpStdio
{
    /// <summary>
    /// Serves the MCP server configured in <paramref name="services"/> (<c>AddQuellMcpServer()</c>, no transport) over
    /// stdin/stdout until stdin closes or <paramref name="cancellationToken"/> fires. Standard output carries nothing
    /// but the protocol, so logging must go to standard error. When stdin closes, the jobs of in-flight tool calls are
    /// cancelled with <c>user_requested</c> ("client disconnected") and this returns once they stopped, so the caller
    /// can stop the runtime afterwards. Jobs started as MCP tasks outlive the client: this returns only once they
    /// reached a terminal state. When the token fires, all of them are left to the runtime's shutdown.
    /// </summary>
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<McpServerOptions>>().Value;
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var calls = services.GetService<McpCallRegistry>();
        var input = new EndOfInputStream(Console.OpenStandardInput());
        var transport = new StreamServerTransport(input, new WholeLineOutputStream(Console.OpenStandardOutput()), options.ServerInfo?.Name, loggerFactory);
        var session = McpServer.Create(transport, options, loggerFactory, services);
        await using (session.ConfigureAwait(false))
        {
            // One session per process: a signal stops the process, so closing calls leave their jobs to the
            // runtime's shutdown (system_shutdown) rather than recording that the client went away.
            using var stopping = cancellationToken.Register(() => calls?.MarkShuttingDown());
            var run = session.RunAsync(cancellationToken);
            try
            {
                if (await Task.WhenAny(run, input.Ended).ConfigureAwait(false) != run && calls is not null && !calls.IsShuttingDown)
                {
                    await calls.CancelSessionAsync(session, JobCallRunner.DisconnectMessage).ConfigureAwait(false);
                }
                await run.ConfigureAwait(false);
                // A task outlives its connection: keep the runtime up until the tasks started here are done.
                var tasks = services.GetService<IMcpTaskStore>();
                if (tasks is not null) await tasks.WaitForStartedTasksAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by a signal: the runtime's shutdown cancels what still runs.
            }
        }
    }
}

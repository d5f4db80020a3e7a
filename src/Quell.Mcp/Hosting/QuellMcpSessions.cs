using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using Quell.Mcp.Calls;

namespace Quell.Mcp.Hosting;

/// <summary>Runs MCP sessions so that a client that goes away does not leave its jobs running.</summary>
public static class QuellMcpSessions
{
    /// <summary>
    /// Runs <paramref name="session"/> until the client disconnects (stdio closed, HTTP session deleted or expired) or
    /// <paramref name="cancellationToken"/> fires. A disconnect cancels the jobs of the session's in-flight tool calls
    /// with <c>user_requested</c> ("client disconnected") and waits for them to stop; when the process is stopping, the
    /// runtime's shutdown cancels them instead.
    /// </summary>
    public static async Task RunAsync(McpServer session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var calls = session.Services?.GetService<McpCallRegistry>();
        try
        {
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (calls is not null && !calls.IsShuttingDown && !cancellationToken.IsCancellationRequested)
            {
                await calls.CancelSessionAsync(session, JobCallRunner.DisconnectMessage).ConfigureAwait(false);
            }
        }
    }
}

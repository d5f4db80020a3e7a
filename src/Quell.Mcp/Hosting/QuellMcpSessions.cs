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
    /// runtime's shutdown cancels them instead. A stateless HTTP request (no session id) is just run: it is not a client
    /// that leaves.
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
            // Only a real session (with an id) ends with its client leaving; a stateless "session" is one request.
            if (calls is not null && session.SessionId is not null)
            {
                if (!calls.IsShuttingDown && !cancellationToken.IsCancellationRequested)
                {
                    await calls.CancelSessionAsync(session, JobCallRunner.DisconnectMessage).ConfigureAwait(false);
                }
                calls.ForgetSession(session);
            }
        }
    }
}

using Quell.Mcp.Client;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Client;

/// <summary><see cref="McpClientConnector"/> starting a real stdio server (<c>quell mcp</c>).</summary>
public sealed class McpClientConnectorTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_stdio_server_runs_in_its_own_session_so_the_terminals_ctrl_c_does_not_reach_it()
    {
        if (!OperatingSystem.IsLinux()) return; // sessions are read from /proc; the connector detaches on Linux only
        await using var client = await McpClientConnector.ConnectStdioAsync("dotnet", [QuellProcess.Dll, "mcp", "--data", _data.Path])
            .WaitAsync(QuellMcpSession.Patience);

        // The child is found by its unique data directory among this process's children.
        var child = ProcSessions.ChildrenOf(Environment.ProcessId)
            .Single(pid => ProcSessions.CommandLine(pid).Contains(_data.Path, StringComparison.Ordinal));
        Assert.NotEqual(ProcSessions.SessionOf(Environment.ProcessId), ProcSessions.SessionOf(child));
        Assert.Equal(child, ProcSessions.SessionOf(child)); // it leads its own session: setsid ran in place

        // Still a working server, and the same process the SDK stops.
        using (var patience = new CancellationTokenSource(QuellMcpSession.Patience)) await client.PingAsync(cancellationToken: patience.Token);
        await client.DisposeAsync();
        using var gone = new CancellationTokenSource(QuellMcpSession.Patience);
        while (ProcSessions.ChildrenOf(Environment.ProcessId).Contains(child)) await Task.Delay(50, gone.Token);
    }
}

using ModelContextProtocol.Client;

namespace Quell.Mcp.Client;

/// <summary>Connects the SDK's <see cref="McpClient"/> to an MCP server, pinned to the revision Quell serves.</summary>
public static class McpClientConnector
{
    /// <summary>
    /// The protocol revision Quell targets. The SDK's default (2.3.1) is a later draft in which <c>ping</c> no longer exists.
    /// </summary>
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>
    /// Starts <paramref name="command"/> as a child process in its own session (on Linux) and connects to it over stdio.
    /// </summary>
    /// <param name="command">The program to start.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="standardErrorLine">Receives each line the child writes to standard error; null to drop them.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static Task<McpClient> ConnectStdioAsync(
        string command, IReadOnlyList<string> arguments, Action<string>? standardErrorLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        // In its own session (setsid), the server does not get the terminal's SIGINT: Ctrl+C is Quell's to turn into
        // cancels (notifications/cancelled, cancelled tasks), and a server killed by it would fail the work still
        // using it. setsid execs the command in place, so the SDK still stops the same process.
        var detached = OperatingSystem.IsLinux() && File.Exists(Setsid);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = Path.GetFileName(command),
            Command = detached ? Setsid : command,
            Arguments = detached ? [command, .. arguments] : [.. arguments],
            StandardErrorLines = standardErrorLine,
            // A Quell server that loses its client cancels that client's jobs and waits for them to stop.
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        });
        return ConnectAsync(transport, cancellationToken);
    }

    private const string Setsid = "/usr/bin/setsid";

    /// <summary>Connects to a Streamable HTTP endpoint (such as <c>/mcp</c> of <c>quell serve</c>).</summary>
    /// <param name="endpoint">The endpoint's URL.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> when given.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static Task<McpClient> ConnectHttpAsync(Uri endpoint, string? apiKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new HttpClientTransportOptions { Endpoint = endpoint, Name = endpoint.Host };
        if (apiKey is not null) options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" };
        return ConnectAsync(new HttpClientTransport(options), cancellationToken);
    }

    private static async Task<McpClient> ConnectAsync(IClientTransport transport, CancellationToken cancellationToken) =>
        await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = ProtocolVersion }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
}

namespace Quell.Server.Security;

/// <summary>
/// Which <c>Host</c> and <c>Origin</c> headers the server answers (<c>Quell:AllowedHosts</c>,
/// <c>Quell:AllowedOrigins</c>). A DNS-rebinding page reaches a loopback server under a foreign host name, and a
/// cross-site page sends a foreign origin: both are refused before any route runs.
/// </summary>
public sealed class RequestSourceOptions
{
    /// <summary>The host names a server always answers; a loopback-only one answers no others unless configured.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Host names (any port; <c>*.example.com</c> wildcards, as in ASP.NET Core's host filtering) the server
    /// answers besides the loopback names, which it always answers. Empty: loopback names only when every address is
    /// loopback, any host otherwise (API keys are then required, and a rebinding page has none).
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>
    /// Browser origins other than the server's own (<c>https://dash.example.com</c>) that may call it; they also get
    /// CORS headers. Empty: only same-origin pages. Requests without an <c>Origin</c> (curl, the CLI, MCP clients)
    /// are never refused for it.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = new List<string>();
}

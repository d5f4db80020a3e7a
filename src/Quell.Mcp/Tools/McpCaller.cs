using ModelContextProtocol.Server;

namespace Quell.Mcp.Tools;

/// <summary>The owner an MCP request acts for.</summary>
internal static class McpCaller
{
    /// <summary>The owner of a caller without an identity: stdio, and a server without API keys (as for the CLI).</summary>
    public const string LocalOwner = "local";

    /// <summary>Over HTTP the authenticated API key's owner; over stdio <see cref="LocalOwner"/>.</summary>
    public static string Owner(MessageContext context) =>
        context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : LocalOwner;
}

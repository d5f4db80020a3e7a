using Quell.Agents.Tools;

namespace Quell.Workflows.Loading;

/// <summary>Reads an agentic task's <c>tools</c>: MCP servers started over stdio (<c>command</c>) or reached by <c>url</c>.</summary>
internal static class ToolSourceBinder
{
    public static List<McpToolSource> ReadAll(MapReader p)
    {
        var sources = new List<McpToolSource>();
        var items = p.List("tools") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (AgentBinder.Item(p, "tools", i, items[i]) is { } server && Read(server) is { } source) sources.Add(source);
        }
        foreach (var duplicate in sources.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            p.Error(p.Node("tools")!.Position, "tools", $"two tool servers are named '{duplicate.Key}'");
        return sources;
    }

    private static McpToolSource? Read(MapReader server)
    {
        var name = server.String("name", required: true);
        var command = server.String("command");
        var url = AgentBinder.ReadUrl(server, "url", server.String("url"));
        var args = server.StringList("args") ?? [];
        var allowed = server.StringList("allowedTools");
        server.RejectUnknown(["name", "command", "args", "url", "allowedTools"]);
        if ((command is not null) == server.Has("url"))
        {
            server.Error(server.Position, "command", "a tool server needs exactly one of 'command' (stdio) or 'url' (HTTP)");
            return null;
        }
        if (args.Count > 0 && command is null) server.Error(server.Node("args")!.Position, "args", "'args' needs 'command'");
        return name is null ? null : new McpToolSource { Name = name, Command = command, Args = args, Url = url, AllowedTools = allowed };
    }
}

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>Process children and session ids as Linux's <c>/proc</c> shows them.</summary>
public static class ProcSessions
{
    public static IReadOnlyList<int> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(thread => ReadOrEmpty(Path.Combine(thread, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)];

    /// <summary>The arguments the process was started with, joined by spaces ("" once it has gone).</summary>
    public static string CommandLine(int pid) => ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ');

    /// <summary>Field 6 of <c>/proc/PID/stat</c>, counted after the command name (which may hold spaces).</summary>
    public static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3]); // state, ppid, pgrp, session
    }

    // A thread or process can end between listing and reading.
    private static string ReadOrEmpty(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

using System.Diagnostics;

namespace Quell.Bench.Mcp;

/// <summary>
/// Finds a server's child process (the SDK's transport does not expose it) so that its CPU time can be read: wall time
/// on a loaded two-core machine says as much about the neighbours as about the server.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>The direct child of this process whose command line mentions <paramref name="dll"/>; null when not found (not Linux).</summary>
    public static Process? Find(string dll)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] != self) continue;
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(dll, StringComparison.Ordinal)) return Process.GetProcessById(pid);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return null;
    }

    /// <summary>The process's user + system CPU time so far, or zero when it cannot be read.</summary>
    public static TimeSpan CpuTime(Process? process)
    {
        if (process is null) return TimeSpan.Zero;
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}

using System.Runtime.InteropServices;

namespace Quell.Bench.Mcp;

/// <summary>
/// A sub-millisecond sleep for the store poller: <see cref="Thread.Sleep(int)"/> cannot sleep less than a
/// millisecond, and spinning would take a core from the server under test on a two-core machine.
/// </summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "usleep", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int USleep(uint microseconds);

    public static void SleepMicroseconds(uint microseconds)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = USleep(microseconds);
        else Thread.Sleep(1);
    }
}

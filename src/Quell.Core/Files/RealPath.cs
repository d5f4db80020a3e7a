using System.Runtime.InteropServices;

namespace Quell.Files;

/// <summary>
/// The real path of a file: every symbolic link, <c>.</c> and <c>..</c> resolved as the kernel resolves them
/// (POSIX <c>realpath</c>), so a check made on it is a check on the file that opening the path would reach.
/// </summary>
internal static partial class RealPath
{
    /// <summary>
    /// The real path of <paramref name="path"/>. A path that does not exist (yet) resolves its nearest existing
    /// ancestor and appends the rest, so a missing file under a link still says where the link leads.
    /// </summary>
    public static string Resolve(string path)
    {
        // Absolute, but with its '..' left for realpath: root/link/.. is the link target's parent, not root.
        var absolute = Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
        var missing = new Stack<string>();
        var current = absolute;
        while (true)
        {
            if (TryResolveExisting(current) is { } real)
            {
                // The missing rest holds no links; a '..' in it is read as text (opening it would fail anyway).
                return missing.Count == 0 ? real : Path.GetFullPath(Path.Join([real, .. missing]));
            }
            var parent = Path.GetDirectoryName(current);
            if (parent is null) return Path.GetFullPath(absolute);
            missing.Push(Path.GetFileName(current));
            current = parent;
        }
    }

    /// <summary>The real path of the file an open handle refers to, or null where the platform cannot say.</summary>
    public static string? OfOpenFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        // Linux names every open descriptor's file in /proc: the file actually opened, whatever was swapped since.
        var link = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}");
        return link.LinkTarget;
    }

    private static string? TryResolveExisting(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!Path.Exists(path)) return null;
            var info = new FileInfo(path);
            return info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        var resolved = NativeMethods.realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMethods.free(resolved);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable CA2101 // The marshalling is given: UTF-8, as the kernel takes paths.
        public static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);
#pragma warning restore CA2101

        [DllImport("libc")]
        public static extern void free(IntPtr pointer);
    }
}

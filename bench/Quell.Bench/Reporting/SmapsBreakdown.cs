using System.Globalization;

namespace Quell.Bench.Reporting;

/// <summary>
/// The process's resident memory by kind of mapping, from <c>/proc/self/smaps</c> (Linux only): what RSS is made of.
/// Anonymous mappings are told apart by size, which is how the runtime and glibc lay them out: the GC reserves one
/// huge range for its regions, glibc's thread arenas are 64 MiB-aligned reservations, thread stacks are 8 MiB (1.5 MiB
/// for .NET's own threads) with a guard page, and JIT-compiled code lives in the runtime's double-mapped memfd.
/// </summary>
internal static class SmapsBreakdown
{
    public static IReadOnlyList<(string Kind, long RssBytes)> Read()
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists("/proc/self/smaps")) return [];
        string kind = "other";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var first = line.Split(' ', 2)[0];
            if (first.Contains('-', StringComparison.Ordinal) && !first.EndsWith(':'))
            {
                kind = Classify(line);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                totals[kind] = totals.GetValueOrDefault(kind) + kb * 1024;
            }
        }
        return [.. totals.OrderByDescending(t => t.Value).Select(t => (t.Key, t.Value))];
    }

    public static void Print(string title)
    {
        var parts = Read();
        if (parts.Count == 0) return;
        Console.WriteLine($"{title}: RSS by mapping, MB: " + string.Join(", ",
            parts.Where(p => p.RssBytes >= 256 * 1024).Select(p => $"{p.Kind} {p.RssBytes / (1024.0 * 1024.0):F1}")));
    }

    private static string Classify(string header)
    {
        // "start-end perms offset dev inode   path"
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var range = fields[0].Split('-');
        var size = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) -
                   long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var path = fields.Length > 5 ? fields[5].Trim() : "";
        if (path == "[heap]") return "malloc main heap";
        if (path.StartsWith("[stack", StringComparison.Ordinal)) return "main stack";
        if (path.Contains("doublemapper", StringComparison.Ordinal)) return "JIT code and stubs (doublemapper)";
        if (path.StartsWith('/'))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith("libcoreclr", StringComparison.Ordinal)) return "libcoreclr.so";
            if (name.StartsWith("libclrjit", StringComparison.Ordinal)) return "libclrjit.so";
            if (name.StartsWith("libe_sqlite3", StringComparison.Ordinal)) return "libe_sqlite3.so";
            if (name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal)) return "other native libraries";
            if (name.EndsWith(".dll", StringComparison.Ordinal)) return "managed assemblies (mapped files)";
            if (name.EndsWith(".db", StringComparison.Ordinal) || name.EndsWith("-shm", StringComparison.Ordinal)) return "SQLite files (db, WAL index)";
            return "other files";
        }
        if (size >= 1L << 32) return "GC heap (regions reservation)";
        if (size >= 60L << 20 && size <= 68L << 20) return "glibc thread arenas";
        return "anonymous (runtime, loader heaps, stacks, native allocations)";
    }
}

using System.Globalization;

namespace Quell.Bench.Mcp;

/// <summary>
/// Flags of the <c>mcp</c> scenario. The two servers default to the Release builds in this repository, which
/// building Quell.Bench builds first (project references without assembly references).
/// </summary>
internal sealed record McpBenchOptions(int Cancels, int Calls, long Rows, long NarrowRows, string QuellDll, string BareDll, string? OnlyFile)
{
    public static McpBenchOptions Parse(IReadOnlyList<string> args)
    {
        string? Text(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name) return args[i + 1];
            }
            return null;
        }
        long? Number(string name) =>
            Text(name) is { } text ? long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : null;

        var repo = RepositoryRoot();
        return new McpBenchOptions(
            Cancels: (int)(Number("--cancels") ?? 200),
            Calls: (int)(Number("--calls") ?? 6),
            Rows: Number("--rows") ?? 1_000_000,
            NarrowRows: Number("--narrow-rows") ?? 5_000_000,
            QuellDll: Text("--quell") ?? Path.Combine(repo, "src", "Quell.Cli", "bin", "Release", "net10.0", "quell.dll"),
            BareDll: Text("--bare") ?? Path.Combine(repo, "bench", "Quell.Bench.BareMcp", "bin", "Release", "net10.0", "Quell.Bench.BareMcp.dll"),
            OnlyFile: Text("--file"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quell.slnx"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}

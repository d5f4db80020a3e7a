using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Quell.Bench.Postgres;

/// <summary>
/// Runs <c>bench/node-peers/peers.js</c> (pg-boss, graphile-worker) as a child process on the bench's database and
/// reads its one JSON line per peer. Installs its locked packages with <c>npm ci</c> first when they are missing.
/// </summary>
internal static class NodePeers
{
    internal sealed record Result(string Peer, int Jobs, double SubmitSeconds, double TotalSeconds, double JobsPerSecond, double CpuMicrosecondsPerJob);

    public static async Task<IReadOnlyList<Result>> RunAsync(string connectionString, int jobs, int workers, int submitters)
    {
        var folder = FindFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules"))) await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], _ => { }).ConfigureAwait(false);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var url = $"postgres://{Uri.EscapeDataString(builder.Username ?? "postgres")}" +
                  (string.IsNullOrEmpty(builder.Password) ? "" : ":" + Uri.EscapeDataString(builder.Password)) +
                  $"@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "postgres")}";
        var results = new List<Result>();
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await RunAsync(folder, "node",
            ["peers.js", "--connection", url, "--jobs", $"{jobs}", "--workers", $"{workers}", "--submitters", $"{submitters}"],
            line =>
            {
                if (line.StartsWith('{')) results.Add(JsonSerializer.Deserialize<Result>(line, web)!);
            }).ConfigureAwait(false);
        return results;
    }

    private static async Task RunAsync(string folder, string file, string[] args, Action<string> onLine)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false)) is not null) onLine(line);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args.Take(1))} exited with {process.ExitCode}");
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "node-peers");
            if (File.Exists(Path.Combine(candidate, "peers.js"))) return candidate;
        }
        throw new DirectoryNotFoundException("bench/node-peers not found above " + AppContext.BaseDirectory);
    }
}

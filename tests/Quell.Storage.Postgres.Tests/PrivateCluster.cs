using System.Diagnostics;

namespace Quell.Storage.Postgres.Tests;

/// <summary>
/// A PostgreSQL cluster of one test's own, started with the repository's <c>.ci/postgres</c>, for tests that restart
/// the server: the shared one of <c>QUELL_TEST_POSTGRES</c> serves other tests at the same time.
/// </summary>
internal sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _pgCtl;
    private readonly string _root;

    private PrivateCluster(string connectionString, string pgCtl, string root)
    {
        ConnectionString = connectionString;
        _pgCtl = pgCtl;
        _root = root;
    }

    public string ConnectionString { get; }

    public static async Task<PrivateCluster> StartAsync()
    {
        var output = await RunAsync("bash", FindScript());
        string Value(string name) =>
            output.Split('\n').Select(line => line.Trim())
                .Where(line => line.StartsWith($"export {name}='", StringComparison.Ordinal))
                .Select(line => line[$"export {name}='".Length..^1])
                .FirstOrDefault() ?? throw new InvalidOperationException($".ci/postgres printed no {name}:\n{output}");
        return new PrivateCluster(Value("QUELL_TEST_POSTGRES"), Value("QUELL_PG_CTL"), Value("QUELL_PG_ROOT"));
    }

    /// <summary>A fast restart: every connection is cut, the server is back when this returns.</summary>
    public Task RestartAsync() => RunAsync("bash", "-c", $"{_pgCtl} -m fast restart");

    public async ValueTask DisposeAsync()
    {
        await RunAsync("bash", "-c", $"{_pgCtl} -m immediate stop");
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, ".ci", "postgres");
            if (File.Exists(script)) return script;
        }
        throw new FileNotFoundException("No .ci/postgres above " + AppContext.BaseDirectory);
    }

    // Output goes to a file, not a pipe: a server the command starts inherits the descriptors and would hold a pipe open.
    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var log = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("bash") { UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("\"$0\" \"$@\" >\"$QUELL_RUN_LOG\" 2>&1 </dev/null");
            info.ArgumentList.Add(file);
            foreach (var arg in args) info.ArgumentList.Add(arg);
            info.Environment["QUELL_RUN_LOG"] = log;
            using var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var output = await File.ReadAllTextAsync(log);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
            }
            return output;
        }
        finally
        {
            File.Delete(log);
        }
    }
}

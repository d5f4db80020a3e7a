using System.Diagnostics;
using System.Text;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>Runs the real <c>quell</c> binary (<c>dotnet quell.dll</c>) as a child process.</summary>
internal static class Quell
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>quell.dll, copied next to the tests by the project reference.</summary>
    public static string Dll { get; } = FindDll();

    /// <summary>
    /// The clone's root: the working directory for runs of the sample workflow, whose tool server is started relative
    /// to it.
    /// </summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quell.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Quell.slnx not found above the test's directory.");
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    public static Task<QuellResult> RunAsync(params string[] args) => RunAsync(StartInfo(args), DefaultTimeout);

    public static async Task<QuellResult> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start dotnet.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"quell {string.Join(' ', info.ArgumentList.Skip(1))} did not exit within {timeout}.\n{await stdout}\n{await stderr}");
        }
        return new QuellResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "quell.dll");
        if (File.Exists(here)) return here;
        throw new FileNotFoundException($"quell.dll is not next to the tests in {AppContext.BaseDirectory}.");
    }
}

/// <summary>How a quell process ended and what it printed.</summary>
internal sealed record QuellResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .Append("exit ").Append(ExitCode).AppendLine()
        .AppendLine("--- stdout").AppendLine(Stdout)
        .AppendLine("--- stderr").AppendLine(Stderr).ToString();
}

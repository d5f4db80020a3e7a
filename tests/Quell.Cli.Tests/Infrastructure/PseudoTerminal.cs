using System.Diagnostics;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>
/// A command run under a real pseudo-terminal (util-linux <c>script</c>). Typing Ctrl+C into it makes the terminal
/// driver send SIGINT to the foreground process group, exactly as it does for a person.
/// </summary>
internal sealed class PseudoTerminal : IDisposable
{
    private PseudoTerminal(Process process)
    {
        Process = process;
        Output = new ProcessOutput(process);
    }

    public Process Process { get; }

    public ProcessOutput Output { get; }

    /// <summary>Starts <paramref name="command"/> (one command line, run by the shell script uses) in a new terminal.</summary>
    /// <param name="command">The command line.</param>
    /// <param name="workingDirectory">Where it runs; the test's own directory when null.</param>
    public static PseudoTerminal Start(string command, string? workingDirectory = null)
    {
        // Through env --default-signal: a test run started in the background by a shell without job control (as a CI
        // runner may) has SIGINT ignored, the command would inherit that, and .NET leaves an ignored SIGINT ignored.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        // -q quiet, -f flush at once, -e pass the child's exit code through, -c the command; no typescript file.
        // script runs the command with $SHELL -c, /bin/sh when SHELL is unset (as under CI). exec makes the command the
        // terminal's only process, whatever the shell: dash otherwise stays as its parent, dies of the Ctrl+C itself,
        // and script -e then reports the shell's 130 instead of the command's exit code.
        foreach (var arg in new[] { "--default-signal=INT,QUIT", "script", "-qfec", $"exec {command}", "/dev/null" }) info.ArgumentList.Add(arg);
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["COLUMNS"] = "160";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new PseudoTerminal(Process.Start(info)!);
    }

    public async Task PressCtrlCAsync()
    {
        await Process.StandardInput.WriteAsync('\u0003');
        await Process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the command to end and all its output to be read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using (var exit = new CancellationTokenSource(timeout))
        {
            try
            {
                await Process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException) when (exit.IsCancellationRequested)
            {
                throw new TimeoutException($"The command did not end within {timeout}. The terminal's last lines:\n{Output.Tail()}");
            }
        }
        await Output.CompletedAsync();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        // A test that failed half-way leaves nothing running behind it.
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}

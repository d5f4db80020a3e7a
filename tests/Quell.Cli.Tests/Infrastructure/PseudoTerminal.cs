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

    public static PseudoTerminal Start(string command)
    {
        // In a session of its own (setsid): a signal sent to the test runner's process group never reaches script,
        // which would end the session ("Session terminated, killing shell"): SIGTERM to the command, SIGKILL soon after.
        // Only keys typed into the terminal reach the command. Through env --default-signal: a test run started in the background by a shell
        // without job control (as a CI runner may) has SIGINT ignored, the command would inherit that, and .NET leaves
        // an ignored SIGINT ignored.
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -q quiet, -f flush at once, -e pass the child's exit code through, -c the command; no typescript file.
        foreach (var arg in new[] { "env", "--default-signal=INT,QUIT", "script", "-qfec", command, "/dev/null" }) info.ArgumentList.Add(arg);
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

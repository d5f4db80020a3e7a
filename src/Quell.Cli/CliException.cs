namespace Quell.Cli;

/// <summary>A failure the user can act on: its message is printed as one line, without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Failure) : base(message) => ExitCode = exitCode;

    public CliException() : this("The command failed.") { }

    public CliException(string message, Exception innerException) : base(message, innerException) =>
        ExitCode = ExitCodes.Failure;

    /// <summary>The process exit code to use.</summary>
    public int ExitCode { get; }
}

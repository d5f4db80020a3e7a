namespace Quell.Cli;

/// <summary>The exit codes of <c>quell</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran and failed (not found, job failed, server error).</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong (System.CommandLine's usage error).</summary>
    public const int Usage = 2;
    /// <summary>Stopped by Ctrl+C (128 + SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}

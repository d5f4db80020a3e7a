namespace Quell.Cli.Client;

/// <summary>The one wording of "no such job" for every surface of the CLI.</summary>
internal static class JobNotFound
{
    public static CliException For(string id) => new($"Job {id} not found.");
}

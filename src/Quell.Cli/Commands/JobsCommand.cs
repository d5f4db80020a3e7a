using System.CommandLine;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs list|show|cancel|events|results</c>.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var jobs = new Command("jobs", "List, inspect, cancel and watch jobs, on a server (--server) or in a data directory (--data).");
        jobs.Subcommands.Add(JobsListCommand.Create());
        jobs.Subcommands.Add(JobsShowCommand.Create());
        jobs.Subcommands.Add(JobsCancelCommand.Create());
        jobs.Subcommands.Add(JobsEventsCommand.Create());
        jobs.Subcommands.Add(JobsResultsCommand.Create());
        return jobs;
    }

    /// <summary>The job id argument.</summary>
    public static Argument<string> IdArgument() => new("ID") { Description = "The job's id." };
}

using System.CommandLine;
using Quell.Cli.Rendering;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs events ID [--follow]</c>: the job's history, optionally live until it ends.</summary>
internal static class JobsEventsCommand
{
    public static Command Create()
    {
        var connection = new JobsConnection();
        var id = JobsCommand.IdArgument();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep watching until the job ends." };
        var command = new Command("events", "Print a job's events (one JSON document per line with --json).") { id, follow };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(connection.Json);
            var client = connection.Open(parseResult);
            await using (client.ConfigureAwait(false))
            {
                await foreach (var e in client.EventsAsync(parseResult.GetValue(id)!, parseResult.GetValue(follow), cancellationToken)
                                   .ConfigureAwait(false))
                {
                    if (json) Output.WriteJson(e.Json);
                    else EventRenderer.Write(e.Value);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

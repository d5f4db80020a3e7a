using System.CommandLine;
using Quell.Cli.Rendering;
using Quell.Jobs;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs cancel ID [--reason R] [--message M]</c>: a durable cancel request.</summary>
internal static class JobsCancelCommand
{
    public static Command Create()
    {
        var connection = new JobsConnection();
        var id = JobsCommand.IdArgument();
        var reason = new Option<string?>("--reason")
        {
            Description = "Why: user_requested (default), timeout, system_shutdown, resource_limit or dependency_failed.",
        };
        var message = new Option<string?>("--message") { Description = "A sentence for the people who see the job." };
        var command = new Command("cancel", "Cancel a job; it stops at its next checkpoint and keeps its partial results.") { id, reason, message };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = connection.Open(parseResult, write: true);
            await using (client.ConfigureAwait(false))
            {
                var job = await client.CancelAsync(parseResult.GetValue(id)!, parseResult.GetValue(reason),
                    parseResult.GetValue(message), cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(connection.Json))
                {
                    Output.WriteJson(job.Json);
                }
                else
                {
                    var state = job.Value.Status == JobStatus.Cancelled ? "cancelled" : "is stopping (cancelling)";
                    Output.WriteLine($"Job {job.Value.Id} {state}.");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

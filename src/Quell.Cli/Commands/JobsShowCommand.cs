using System.CommandLine;
using Quell.Cli.Rendering;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs show ID</c>: one job's state, progress, cancellation, result or error.</summary>
internal static class JobsShowCommand
{
    public static Command Create()
    {
        var connection = new JobsConnection();
        var id = JobsCommand.IdArgument();
        var command = new Command("show", "Show one job.") { id };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = connection.Open(parseResult);
            await using (client.ConfigureAwait(false))
            {
                var job = await client.GetAsync(parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(connection.Json)) Output.WriteJson(job.Json);
                else JobRenderer.WriteJob(job.Value);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

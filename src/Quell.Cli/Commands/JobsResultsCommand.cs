using System.CommandLine;
using Quell.Cli.Rendering;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs results ID</c>: what a job finished, even when it was cancelled or failed.</summary>
internal static class JobsResultsCommand
{
    public static Command Create()
    {
        var connection = new JobsConnection();
        var id = JobsCommand.IdArgument();
        var command = new Command("results", "Show a job's saved partial results.") { id };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = connection.Open(parseResult);
            await using (client.ConfigureAwait(false))
            {
                var results = await client.GetPartialResultsAsync(parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(connection.Json)) Output.WriteJson(results.Json);
                else PartialResultsRenderer.Write(results.Value);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

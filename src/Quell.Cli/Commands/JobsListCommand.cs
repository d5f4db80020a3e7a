using System.CommandLine;
using Quell.Cli.Rendering;

namespace Quell.Cli.Commands;

/// <summary><c>quell jobs list [--status S] [--type T] [--limit N] [--offset N]</c>: newest first.</summary>
internal static class JobsListCommand
{
    public static Command Create()
    {
        var connection = new JobsConnection();
        var status = new Option<string?>("--status") { Description = "Only jobs in this state (pending, running, cancelling, cancelled, completed, failed)." };
        var type = new Option<string?>("--type") { Description = "Only jobs of this type, such as csv.analyze." };
        var limit = new Option<int>("--limit") { Description = "At most this many jobs.", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "Skip this many jobs first.", DefaultValueFactory = _ => 0 };
        var command = new Command("list", "List jobs, newest first.") { status, type, limit, offset };
        connection.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var client = connection.Open(parseResult);
            await using (client.ConfigureAwait(false))
            {
                var page = await client.ListAsync(parseResult.GetValue(status), parseResult.GetValue(type),
                    parseResult.GetValue(limit), parseResult.GetValue(offset), cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(connection.Json)) Output.WriteJson(page.Json);
                else JobRenderer.WriteList(page.Value);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

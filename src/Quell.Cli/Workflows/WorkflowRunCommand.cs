using System.CommandLine;
using System.Text.Json;
using Quell.Cli.Commands;
using Quell.Cli.Hosting;

namespace Quell.Cli.Workflows;

/// <summary>
/// <c>quell workflow run FILE [--input JSON] [--data DIR] [--json]</c>: runs a YAML or BPMN workflow in this process,
/// on the same store as <c>quell jobs</c>, with a live view; Ctrl+C cancels the running tasks, twice the run.
/// </summary>
internal static class WorkflowRunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The workflow file (.yaml, .yml or .bpmn)." };
        var input = new Option<string?>("--input")
        {
            Description = "The run's input variables, a JSON object such as '{\"period\": \"this week\"}'.",
            HelpName = "JSON",
        };
        var data = CliOptions.Data("The data directory whose history the run is recorded in.");
        var json = CliOptions.Json("Print the finished run (its RunView) as JSON; the live view goes to standard error.");
        var command = new Command("run", "Run a workflow file with a live view; Ctrl+C cancels the running tasks, a second Ctrl+C the run.")
        {
            file, input, data, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var variables = ParseVariables(parseResult.GetValue(input));
            var runtime = EmbeddedRuntime.Create(parseResult.GetValue(data)!);
            await using (runtime.ConfigureAwait(false))
            {
                await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
                var session = new WorkflowRunSession(runtime, parseResult.GetValue(json));
                return await session.RunAsync(parseResult.GetValue(file)!, variables, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static JsonElement? ParseVariables(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new CliException("--input must be a JSON object.", ExitCodes.Usage);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException($"--input is not valid JSON: {e.Message}", ExitCodes.Usage);
        }
    }
}

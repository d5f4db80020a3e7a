using System.CommandLine;
using Quell.Cli.Commands;
using Quell.Cli.Workflows;

namespace Quell.Cli;

/// <summary>The <c>quell</c> command line: builds the commands, runs one, and turns every failure into a line and an exit code.</summary>
internal static class QuellCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Quell: cancellable, observable long-running jobs.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AnalyzeCsvCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(McpCommand.Create());
        root.Subcommands.Add(WorkflowCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = CreateRootCommand().Parse(args);
        var configuration = new InvocationConfiguration
        {
            // Exceptions become one clean line below, never a stack trace.
            EnableDefaultExceptionHandler = false,
            // Commands own their signals: serve lets the host stop gracefully, analyze-csv cancels its job first.
            ProcessTerminationTimeout = null,
        };
        try
        {
            var exitCode = await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
            return parseResult.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"Error: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"Error: {Describe(e)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException http => $"Cannot reach the server: {http.Message}",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => e.Message,
    };
}

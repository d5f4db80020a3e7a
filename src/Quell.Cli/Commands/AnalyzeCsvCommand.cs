using System.CommandLine;
using Quell.Cli.Analysis;
using Quell.Cli.Hosting;

namespace Quell.Cli.Commands;

/// <summary>
/// <c>quell analyze-csv FILE... [--data DIR] [--json]</c>: runs <c>csv.analyze</c> in this process, on the same store
/// as <c>quell jobs</c>, with live progress; Ctrl+C cancels and prints what was analysed.
/// </summary>
internal static class AnalyzeCsvCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "The CSV files to analyse, in order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var data = CliOptions.Data("The data directory whose job history the run is recorded in.");
        var json = CliOptions.Json("Print the finished job as JSON instead of tables (progress goes to standard error).");
        var command = new Command("analyze-csv", "Analyse CSV files with live progress; Ctrl+C cancels and keeps the partial results.")
        {
            files, data, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var runtime = EmbeddedRuntime.Create(parseResult.GetValue(data)!);
            await using (runtime.ConfigureAwait(false))
            {
                await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
                var session = new CsvAnalysisSession(runtime, parseResult.GetValue(json));
                return await session.RunAsync(parseResult.GetValue(files)!, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }
}

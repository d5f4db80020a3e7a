using System.CommandLine;
using System.Diagnostics;
using Quell.Cli.Rendering;
using Quell.Csv;

namespace Quell.Cli.Commands;

/// <summary><c>quell demo csv --rows N --out FILE [--seed S]</c>: deterministic orders data for <c>analyze-csv</c>.</summary>
internal static class DemoCsvCommand
{
    public static Command Create()
    {
        var rows = new Option<long>("--rows")
        {
            Description = "Data rows to write (the header is extra).",
            Required = true,
        };
        rows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0) result.AddError("--rows must be 0 or more.");
        });
        var output = new Option<string>("--out") { Description = "The file to write (replaced if it exists).", Required = true, HelpName = "FILE" };
        var seed = new Option<int>("--seed") { Description = "The same rows and seed give the same bytes.", DefaultValueFactory = _ => 42 };
        var command = new Command("csv", "Write a demo CSV file (orders with quoted cells, empty cells and non-ASCII text).") { rows, output, seed };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            var count = parseResult.GetValue(rows);
            if (Path.GetDirectoryName(path) is { } directory) Directory.CreateDirectory(directory);
            var clock = Stopwatch.StartNew();
            await DemoCsv.WriteAsync(path, count, parseResult.GetValue(seed), cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(path).Length;
            Output.WriteLine($"Wrote {Formats.Count(count)} rows ({Formats.Bytes(size)}) to {path} in {Formats.Duration(clock.Elapsed)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}

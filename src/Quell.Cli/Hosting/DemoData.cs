using Quell.Csv;
using Quell.Files;

namespace Quell.Cli.Hosting;

/// <summary>The demo CSV that <c>quell serve</c> writes on first start, so the README's tour works on a fresh machine.</summary>
internal static class DemoData
{
    /// <summary>About 59 MB: big enough to watch, small enough to write in about a second.</summary>
    public const long Rows = 1_000_000;

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "demo", "orders.csv");

    public static async Task EnsureAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = PathIn(dataDirectory);
        if (File.Exists(path)) return;
        // Whole or not at all: an interrupted first start never leaves a truncated demo file behind.
        await FileReplacement.WriteAsync(path, (stream, token) => DemoCsv.WriteAsync(stream, Rows, cancellationToken: token),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Demo data: {path} ({Rows:N0} rows)").ConfigureAwait(false);
    }
}

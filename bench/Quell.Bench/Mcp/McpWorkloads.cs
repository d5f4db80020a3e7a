using System.Globalization;
using System.Text;
using Quell.Csv;

namespace Quell.Bench.Mcp;

/// <summary>A CSV file both servers analyse, and what it is meant to show.</summary>
internal sealed record McpWorkload(string Label, string Path, string Description)
{
    /// <summary>
    /// The two files of a run. <c>orders</c> is the demo data (7 columns, quoted cells): realistic work, about 500 KB
    /// between checkpoints. <c>narrow</c> has two short numeric columns, so its chunks of 8,192 rows are about 100 KB
    /// and checkpoints come several times as often: a cancel then waits less for the work and more for the path.
    /// </summary>
    public static async Task<IReadOnlyList<McpWorkload>> CreateAsync(string directory, long orderRows, long narrowRows)
    {
        var orders = System.IO.Path.Combine(directory, "orders.csv");
        await DemoCsv.WriteAsync(orders, orderRows).ConfigureAwait(false);
        var narrow = System.IO.Path.Combine(directory, "narrow.csv");
        await WriteNarrowAsync(narrow, narrowRows).ConfigureAwait(false);
        return
        [
            new McpWorkload("narrow", narrow, Describe(narrow, narrowRows, "id,value; short chunks")),
            new McpWorkload("orders", orders, Describe(orders, orderRows, "the demo orders; 7 columns")),
        ];
    }

    private static string Describe(string path, long rows, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows, {new FileInfo(path).Length / 1e6:F1} MB ({what})");

    private static async Task WriteNarrowAsync(string path, long rows)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync("id,value\r\n").ConfigureAwait(false);
            var line = new StringBuilder();
            for (long id = 1; id <= rows; id++)
            {
                line.Clear().Append(id).Append(',').Append(id * 7919 % 100_003).Append("\r\n");
                await writer.WriteAsync(line).ConfigureAwait(false);
            }
        }
    }
}

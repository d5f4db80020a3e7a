namespace Quell.Csv;

/// <summary>
/// Deterministic demo data for <c>csv.analyze</c> (<c>quell demo csv</c>, tests, benchmarks): orders with the
/// columns <c>id,timestamp,customer,country,amount,rating,comment</c>, including quoted cells with commas,
/// doubled quotes and line breaks, empty cells and non-ASCII text. The same rows and seed give the same bytes.
/// </summary>
public static class DemoCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "id,timestamp,customer,country,amount,rating,comment";

    private const int BufferSize = 1 << 20;

    /// <summary>Writes <paramref name="rows"/> data rows after the header (UTF-8, no BOM, CRLF line ends).</summary>
    public static async Task WriteAsync(string path, long rows, int seed = 42, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(stream, rows, seed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="rows"/> data rows after the header to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(Stream stream, long rows, int seed = 42, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var generator = new DemoCsvRows(seed);
        var buffer = new byte[BufferSize];
        var used = DemoCsvRows.WriteHeader(buffer);
        for (long id = 1; id <= rows; id++)
        {
            if (BufferSize - used < DemoCsvRows.MaxRowBytes)
            {
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
            used += generator.WriteRow(id, buffer.AsSpan(used));
        }
        await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
    }
}

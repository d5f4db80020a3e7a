using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModelContextProtocol;
using Quell.Csv;
using Quell.Files;

namespace Quell.Samples.FeedbackTools;

/// <summary>
/// Streams the demo orders file row by row for one tool call: checks the call's cancellation token between rows,
/// reports progress every few thousand rows, and paces itself to <see cref="FeedbackToolsOptions.RowsPerSecond"/>.
/// </summary>
internal sealed class FeedbackScan(FeedbackToolsOptions options)
{
    private const int ProgressEvery = 2_000;
    private static readonly SemaphoreSlim CreateGate = new(1, 1);

    /// <summary>Calls <paramref name="onRow"/> for every row, at most <paramref name="limit"/> rows; returns the rows read.</summary>
    public async Task<long> ForEachAsync(
        Action<FeedbackRow> onRow, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken, long? limit = null)
    {
        await EnsureDataFileAsync(cancellationToken).ConfigureAwait(false);
        var total = limit ?? options.DemoRows;
        using var reader = new StreamReader(options.DataFile, Encoding.UTF8);
        var records = new CsvRecordReader(reader);
        var header = await records.ReadAsync(cancellationToken).ConfigureAwait(false) ?? [];
        int country = header.IndexOf("country"), rating = header.IndexOf("rating"), comment = header.IndexOf("comment");
        if (country < 0 || rating < 0 || comment < 0)
        {
            throw new McpException($"{options.DataFile} is not a demo orders file (it needs country, rating and comment columns).");
        }
        var clock = Stopwatch.StartNew();
        long rows = 0;
        while ((limit is null || rows < limit) && await records.ReadAsync(cancellationToken).ConfigureAwait(false) is { } cells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cells.Count <= comment) continue;
            onRow(new FeedbackRow(cells[country],
                int.TryParse(cells[rating], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null, cells[comment]));
            rows++;
            if (rows % ProgressEvery == 0)
            {
                progress?.Report(new ProgressNotificationValue { Progress = rows, Total = total, Message = $"{rows:N0} rows read" });
                await PaceAsync(rows, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        return rows;
    }

    private async Task PaceAsync(long rows, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (options.RowsPerSecond <= 0) return;
        var due = TimeSpan.FromSeconds((double)rows / options.RowsPerSecond) - clock.Elapsed;
        if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureDataFileAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(options.DataFile)) return;
        await CreateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(options.DataFile)) return;
            // Whole or not at all, so a concurrent server never reads half a file; one that wrote it first wins.
            await FileReplacement.WriteAsync(options.DataFile,
                (stream, token) => DemoCsv.WriteAsync(stream, options.DemoRows, cancellationToken: token),
                overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CreateGate.Release();
        }
    }
}

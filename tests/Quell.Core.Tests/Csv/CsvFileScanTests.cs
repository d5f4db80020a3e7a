using System.Text;
using Quell.Csv;

namespace Quell.Core.Tests.Csv;

public sealed class CsvFileScanTests
{
    [Fact]
    public async Task A_cancel_ends_the_chunk_at_the_next_row_check_not_at_its_full_size()
    {
        var text = new StringBuilder("id,value\n");
        for (var i = 1; i <= 30_000; i++) text.Append(i).Append(",v").Append(i % 7).Append('\n');
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        // One buffer holds the whole file, so the rows after the cancel need no further read (which would throw).
        var scan = new CsvFileScan("mem.csv", new CsvRecordReader(stream, 1 << 20));
        using var cancel = new CancellationTokenSource();

        Assert.True(await scan.ReadChunkAsync(cancel.Token));
        Assert.Equal(CsvFileScan.RowsPerChunk, scan.Rows);

        await cancel.CancelAsync();
        Assert.True(await scan.ReadChunkAsync(cancel.Token));
        Assert.Equal(CsvFileScan.RowsPerChunk + CsvFileScan.CancelCheckRows, scan.Rows);
        var stats = scan.ToStats(complete: false);
        Assert.Equal(scan.Rows, stats.Rows);
        Assert.All(stats.Columns, c => Assert.Equal(scan.Rows, c.Count + c.Empty));
    }
}

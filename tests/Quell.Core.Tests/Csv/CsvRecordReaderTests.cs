using System.Text;

namespace Quell.Csv;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public async Task Parses_quoted_fields_with_commas_newlines_and_escaped_quotes()
    {
        var records = await ReadAllAsync("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\r\nthen left\"\r\nplain,\"\"\r\n");

        Assert.Equal(
            [["name", "note"], ["Smith, J", "said \"hi\"\r\nthen left"], ["plain", ""]],
            records.Select(r => r.Fields));
    }

    [Fact]
    public async Task Reads_the_same_records_whatever_the_read_boundaries()
    {
        var text = "id,text\n1,\"a,\"\"b\"\"\r\nc\"\r\n2,\r\n3,\"\"\"\"\n4,\"x\"\r";

        var whole = await ReadAllAsync(text, bufferSize: 1 << 16);
        var trickled = await ReadAllAsync(text, bufferSize: 1, chunk: 1);

        Assert.Equal(5, whole.Count);
        Assert.Equal(whole.Select(r => r.Fields), trickled.Select(r => r.Fields));
        Assert.Equal(whole.Select(r => r.Line), trickled.Select(r => r.Line));
    }

    [Fact]
    public async Task Skips_the_BOM_and_blank_lines_and_counts_physical_lines()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,b\n\n1,\"x\ny\"\r\n\r\n2,Zoë\n")).ToArray();

        var records = await ReadAllAsync(bytes);

        Assert.Equal([["a", "b"], ["1", "x\ny"], ["2", "Zoë"]], records.Select(r => r.Fields));
        Assert.Equal([1L, 3L, 6L], records.Select(r => r.Line));
    }

    [Fact]
    public async Task A_last_line_without_a_line_end_and_a_trailing_comma_are_read()
    {
        var records = await ReadAllAsync("a,b,c\n1,2,");

        Assert.Equal([["a", "b", "c"], ["1", "2", ""]], records.Select(r => r.Fields));
    }

    [Fact]
    public async Task Consumes_every_byte_of_the_stream()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\r\n1,2\r\n\"3\",4\r\n");
        var reader = new CsvRecordReader(new MemoryStream(bytes), 4);

        while (await NextAsync(reader) is not null) { }

        Assert.Equal(bytes.Length, reader.BytesConsumed);
    }

    [Fact]
    public async Task Unterminated_quote_is_malformed_at_the_line_it_opened()
    {
        var error = await Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync("a,b\n1,2\n3,\"open\nstill open\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_malformed()
    {
        var error = await Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync("a,b\n\"x\"y,2\n"));

        Assert.Equal(2, error.Line);
    }

    internal static async Task<List<(long Line, string[] Fields)>> ReadAllAsync(string text, int bufferSize = 8, int chunk = int.MaxValue) =>
        await ReadAllAsync(Encoding.UTF8.GetBytes(text), bufferSize, chunk);

    private static async Task<List<(long Line, string[] Fields)>> ReadAllAsync(byte[] bytes, int bufferSize = 8, int chunk = int.MaxValue)
    {
        var reader = new CsvRecordReader(new TrickleStream(bytes, chunk), bufferSize);
        var records = new List<(long, string[])>();
        while (await NextAsync(reader) is { } record) records.Add((reader.LineNumber, record));
        return records;
    }

    private static async Task<string[]?> NextAsync(CsvRecordReader reader)
    {
        while (true)
        {
            switch (reader.TryReadRecord())
            {
                case CsvReadResult.NeedMoreData:
                    await reader.FillAsync(CancellationToken.None);
                    break;
                case CsvReadResult.EndOfData:
                    return null;
                default:
                    return Enumerable.Range(0, reader.FieldCount).Select(i => Encoding.UTF8.GetString(reader[i])).ToArray();
            }
        }
    }

    /// <summary>Returns at most <c>chunk</c> bytes per read, to put read boundaries everywhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}

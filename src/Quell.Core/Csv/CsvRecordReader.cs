namespace Quell.Csv;

/// <summary>
/// A streaming RFC 4180 reader over UTF-8 bytes: quoted fields with <c>""</c> escapes, commas and line breaks
/// inside quotes, CRLF, LF or CR line ends, an optional BOM; blank lines are skipped. It works on bytes because
/// every delimiter is ASCII and UTF-8 never uses ASCII bytes inside a multi-byte character.
/// </summary>
/// <remarks>
/// The hot path is synchronous: <see cref="TryReadRecord"/> parses from the buffer and says when it needs more,
/// and only then does the caller await <see cref="FillAsync"/>. A record cut by the buffer's end is parsed again
/// from its start after the fill, so no parser state survives between calls. Fields are spans into the buffer,
/// valid until the next call.
/// </remarks>
internal sealed class CsvRecordReader
{
    private const byte Comma = (byte)',';
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const int MaxBufferSize = 256 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private bool _bomChecked;
    private long _line = 1;
    private int[] _fieldStart = new int[16];
    private int[] _fieldLength = new int[16];
    private bool[] _fieldEscaped = new bool[16];
    private bool _firstFieldQuoted;

    public CsvRecordReader(Stream stream, int bufferSize)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The physical line (1-based) where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The physical line where the next record starts.</summary>
    public long NextLineNumber => _line;

    /// <summary>Bytes of the stream consumed by the records read so far (BOM and blank lines included).</summary>
    public long BytesConsumed => _bufferOffset + _start;

    /// <summary>A field of the current record, unescaped, as UTF-8.</summary>
    public ReadOnlySpan<byte> this[int index] => _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>Reads more of the stream, keeping the unread part; grows the buffer when a record fills it.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_eof) return;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBufferSize)
                throw new CsvFormatException(_line, $"a record is longer than {MaxBufferSize >> 20} MiB");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0) _eof = true;
        else _end += read;
    }

    /// <summary>Parses the next record from the buffer.</summary>
    /// <exception cref="CsvFormatException">The record is malformed.</exception>
    public CsvReadResult TryReadRecord()
    {
        if (!_bomChecked)
        {
            if (_end - _start < 3 && !_eof) return CsvReadResult.NeedMoreData;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start += 3;
            _bomChecked = true;
        }
        while (true)
        {
            if (_start == _end) return _eof ? CsvReadResult.EndOfData : CsvReadResult.NeedMoreData;
            var result = ParseRecord(out var next, out var lineBreaks);
            if (result != CsvReadResult.Record) return result;
            LineNumber = _line;
            _line += lineBreaks;
            _start = next;
            var blank = FieldCount == 1 && _fieldLength[0] == 0 && !_firstFieldQuoted;
            if (blank) continue;
            Unescape();
            return CsvReadResult.Record;
        }
    }

    private CsvReadResult ParseRecord(out int next, out int lineBreaks)
    {
        var buffer = _buffer;
        var end = _end;
        var pos = _start;
        next = 0;
        lineBreaks = 0;
        FieldCount = 0;
        _firstFieldQuoted = pos < end && buffer[pos] == Quote;
        while (true)
        {
            int after;
            if (pos == end)
            {
                // Only reached after a comma: the record's last field is empty.
                if (!_eof) return CsvReadResult.NeedMoreData;
                AddField(pos, 0, escaped: false);
                next = end;
                return CsvReadResult.Record;
            }
            if (buffer[pos] == Quote)
            {
                if (ScanQuoted(pos, ref lineBreaks, out after) == CsvReadResult.NeedMoreData) return CsvReadResult.NeedMoreData;
            }
            else
            {
                var length = buffer.AsSpan(pos, end - pos).IndexOfAny(Comma, Cr, Lf);
                if (length < 0)
                {
                    if (!_eof) return CsvReadResult.NeedMoreData;
                    length = end - pos;
                }
                AddField(pos, length, escaped: false);
                after = pos + length;
            }
            if (after == end)
            {
                next = end;
                return CsvReadResult.Record;
            }
            switch (buffer[after])
            {
                case Comma:
                    pos = after + 1;
                    continue;
                case Lf:
                    lineBreaks++;
                    next = after + 1;
                    return CsvReadResult.Record;
                case Cr:
                    if (after + 1 == end && !_eof) return CsvReadResult.NeedMoreData;
                    lineBreaks++;
                    next = after + 1 < end && buffer[after + 1] == Lf ? after + 2 : after + 1;
                    return CsvReadResult.Record;
                default:
                    throw new CsvFormatException(_line + lineBreaks, "unexpected character after a closing quote");
            }
        }
    }

    /// <summary>Scans a quoted field starting at the opening quote; <paramref name="after"/> is past the closing quote.</summary>
    private CsvReadResult ScanQuoted(int open, ref int lineBreaks, out int after)
    {
        var buffer = _buffer;
        var end = _end;
        var openLine = _line + lineBreaks;
        var escaped = false;
        var pos = open + 1;
        after = 0;
        while (true)
        {
            var index = buffer.AsSpan(pos, end - pos).IndexOfAny(Quote, Lf);
            if (index < 0)
            {
                if (!_eof) return CsvReadResult.NeedMoreData;
                throw new CsvFormatException(openLine, "a quoted field is not closed before the end of the file");
            }
            var at = pos + index;
            if (buffer[at] == Lf)
            {
                lineBreaks++;
                pos = at + 1;
                continue;
            }
            // At the buffer's end a quote may be the first half of an escaped "" pair.
            if (at + 1 == end && !_eof) return CsvReadResult.NeedMoreData;
            if (at + 1 < end && buffer[at + 1] == Quote)
            {
                escaped = true;
                pos = at + 2;
                continue;
            }
            AddField(open + 1, at - open - 1, escaped);
            after = at + 1;
            return CsvReadResult.Record;
        }
    }

    private void AddField(int start, int length, bool escaped)
    {
        if (FieldCount == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, FieldCount * 2);
            Array.Resize(ref _fieldLength, FieldCount * 2);
            Array.Resize(ref _fieldEscaped, FieldCount * 2);
        }
        _fieldStart[FieldCount] = start;
        _fieldLength[FieldCount] = length;
        _fieldEscaped[FieldCount] = escaped;
        FieldCount++;
    }

    /// <summary>Turns each <c>""</c> into <c>"</c> in place; the scan proved every quote inside is doubled.</summary>
    private void Unescape()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (!_fieldEscaped[i]) continue;
            var field = _buffer.AsSpan(_fieldStart[i], _fieldLength[i]);
            var written = 0;
            for (var read = 0; read < field.Length; read++)
            {
                field[written++] = field[read];
                if (field[read] == Quote) read++;
            }
            _fieldLength[i] = written;
        }
    }
}

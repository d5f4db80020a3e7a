using System.Text;

namespace Quell.Samples.FeedbackTools;

/// <summary>
/// Reads CSV records one at a time from a stream (RFC 4180: quoted cells may hold commas, doubled quotes and line
/// breaks), so a tool holds one record in memory, never the file.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _cell = new();
    private int _length;
    private int _position;

    /// <summary>The next record's cells, or null at the end of the input.</summary>
    public async ValueTask<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        var cells = new List<string>();
        var quoted = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    if (!any) return null;
                    cells.Add(_cell.ToString());
                    _cell.Clear();
                    return cells;
                }
            }
            var c = _buffer[_position++];
            any = true;
            if (quoted)
            {
                if (c != '"') { _cell.Append(c); continue; }
                // A doubled quote is a quote; a single one ends the quoted part.
                if (await PeekAsync(cancellationToken).ConfigureAwait(false) == '"') { _position++; _cell.Append('"'); }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': cells.Add(_cell.ToString()); _cell.Clear(); break;
                case '\r': break;
                case '\n':
                    cells.Add(_cell.ToString());
                    _cell.Clear();
                    return cells;
                default: _cell.Append(c); break;
            }
        }
    }

    private async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        if (_position == _length)
        {
            _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _position = 0;
            if (_length == 0) return -1;
        }
        return _buffer[_position];
    }
}

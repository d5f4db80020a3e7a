using System.Globalization;

namespace Quell.Csv;

/// <summary>Running statistics of one column, fed one UTF-8 value at a time without allocating.</summary>
internal sealed class ColumnAccumulator
{
    private const int TopCounters = 64;
    private const int TopValuesShown = 5;

    private readonly string _name;
    private readonly HyperLogLog _distinct = new();
    private readonly TopValueCounter _top = new(TopCounters);
    private long _count;
    private long _empty;
    private long _numericCount;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _mean;

    public ColumnAccumulator(string name) => _name = name;

    public void Add(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            _empty++;
            return;
        }
        _count++;
        if (LooksNumeric(value[0])
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            AddNumber(number);
        }
        var hash = StableHash.Hash(value);
        _distinct.Add(hash);
        _top.Add(hash, value);
    }

    public ColumnStats ToStats()
    {
        var numeric = _numericCount > 0;
        return new ColumnStats(
            _name, _count, _empty, _numericCount,
            numeric ? _min : null,
            numeric ? _max : null,
            numeric && double.IsFinite(_mean) ? _mean : null,
            _count == 0 ? 0 : Math.Max(1, _distinct.Estimate()),
            _top.Top(TopValuesShown));
    }

    // Skips the parser for text; also keeps "NaN" and "Infinity", which double.TryParse accepts, out of the stats.
    private static bool LooksNumeric(byte first) => first is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.';

    private void AddNumber(double number)
    {
        _numericCount++;
        if (number < _min) _min = number;
        if (number > _max) _max = number;
        // A running mean cannot overflow where a running sum of large values would.
        _mean += (number - _mean) / _numericCount;
    }
}

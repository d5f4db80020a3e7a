namespace Quell.Csv;

/// <summary>Statistics of one column.</summary>
/// <param name="Name">The header cell.</param>
/// <param name="Count">Non-empty values.</param>
/// <param name="Empty">Empty values.</param>
/// <param name="NumericCount">Values that parse as a finite number (invariant culture).</param>
/// <param name="Min">Least numeric value; null when there is none.</param>
/// <param name="Max">Greatest numeric value; null when there is none.</param>
/// <param name="Mean">Mean of the numeric values; null when there is none.</param>
/// <param name="DistinctEstimate">Estimated distinct non-empty values (HyperLogLog, about 1.6% standard error).</param>
/// <param name="TopValues">Up to five most frequent non-empty values, most frequent first.</param>
public sealed record ColumnStats(
    string Name,
    long Count,
    long Empty,
    long NumericCount,
    double? Min,
    double? Max,
    double? Mean,
    long DistinctEstimate,
    IReadOnlyList<TopValue> TopValues);

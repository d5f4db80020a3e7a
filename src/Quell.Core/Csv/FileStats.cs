namespace Quell.Csv;

/// <summary>Statistics of one CSV file, complete or as far as the analysis got.</summary>
/// <param name="Path">The path as given in the input.</param>
/// <param name="Rows">Data rows analysed (the header row excluded).</param>
/// <param name="Bytes">Bytes of the file consumed by the rows analysed.</param>
/// <param name="Columns">One entry per header column, in header order.</param>
/// <param name="Complete">True when the whole file was analysed.</param>
/// <param name="StoppedAtLine">When incomplete, the physical line (1-based) the analysis stopped at.</param>
/// <param name="Error">Why the file failed, naming the file and, for malformed CSV, the line.</param>
public sealed record FileStats(
    string Path,
    long Rows,
    long Bytes,
    IReadOnlyList<ColumnStats> Columns,
    bool Complete,
    long? StoppedAtLine = null,
    string? Error = null);

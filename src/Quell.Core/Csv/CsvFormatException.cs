namespace Quell.Csv;

/// <summary>Malformed CSV at a physical line of a file.</summary>
internal sealed class CsvFormatException : FormatException
{
    public CsvFormatException(long line, string reason)
        : base(FormattableString.Invariant($"line {line}: {reason}"))
    {
        Line = line;
        Reason = reason;
    }

    public CsvFormatException() { }

    public CsvFormatException(string message) : base(message) { }

    public CsvFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The physical line (1-based) where the problem is.</summary>
    public long Line { get; }

    /// <summary>The problem, without the line.</summary>
    public string Reason { get; } = "malformed CSV";
}

namespace Quell.Csv;

/// <summary>The result of <c>csv.analyze</c>: statistics of every file, in input order.</summary>
/// <param name="Files">One entry per input path, including the files that failed.</param>
/// <param name="TotalRows">Data rows analysed across all files (header rows excluded).</param>
/// <param name="TotalBytes">Bytes analysed across all files.</param>
/// <param name="FailedFiles">How many files could not be read or were malformed.</param>
public sealed record CsvAnalysis(IReadOnlyList<FileStats> Files, long TotalRows, long TotalBytes, int FailedFiles);

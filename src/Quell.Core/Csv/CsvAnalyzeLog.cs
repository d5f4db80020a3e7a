using Microsoft.Extensions.Logging;

namespace Quell.Csv;

/// <summary>The job's log lines, one per file boundary (never per chunk).</summary>
internal static partial class CsvAnalyzeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Analysing {Path} (file {Number} of {FileCount}, {Bytes} bytes)")]
    public static partial void FileStarted(ILogger logger, string path, int number, int fileCount, long bytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Finished {Path}: {Rows} rows, {Bytes} bytes")]
    public static partial void FileFinished(ILogger logger, string path, long rows, long bytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Failed {Path} after {Rows} rows: {Error}")]
    public static partial void FileFailed(ILogger logger, string path, long rows, string error);
}

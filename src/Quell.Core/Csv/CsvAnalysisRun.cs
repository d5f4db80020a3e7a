using System.Globalization;
using Quell.Cancellation;
using Quell.Files;
using Quell.Jobs;

namespace Quell.Csv;

/// <summary>
/// One run of <c>csv.analyze</c>: the files in order, progress in bytes, and after every chunk the per-file
/// statistics as partial results followed by a checkpoint, so a cancellation keeps everything analysed so far.
/// </summary>
internal sealed class CsvAnalysisRun
{
    private const int ReadBufferSize = 1 << 20;

    private readonly IJobContext _context;
    private readonly IReadOnlyList<string> _paths;
    private readonly AllowedRoots? _roots;
    private readonly long[] _sizes;
    private readonly long _totalBytes;
    private readonly List<FileStats> _done = [];
    private long _doneBytes;
    private long _doneRows;
    private int _index;

    public CsvAnalysisRun(IJobContext context, IReadOnlyList<string> paths, CsvAnalyzeOptions? options = null)
    {
        _context = context;
        _paths = paths;
        _roots = options?.Roots();
        // A path outside the allowed roots is not even stat'ed: its size would tell the caller it exists.
        _sizes = paths.Select(p => _roots is null || _roots.Allows(p) ? SizeOf(p) : 0).ToArray();
        _totalBytes = _sizes.Sum();
    }

    public async Task<CsvAnalysis> RunAsync()
    {
        for (_index = 0; _index < _paths.Count; _index++)
        {
            StopIfShuttingDown("file");
            _context.Checkpoint("file");
            var stats = await AnalyzeFileAsync().ConfigureAwait(false);
            _done.Add(stats);
            _doneRows += stats.Rows;
            // A failed file counts as done in full, so progress still ends at the exact total.
            _doneBytes += _sizes[_index];
            if (stats.Error is not null) _context.AddFailure(_index, stats.Error);
            Report(stats.Path, stats.Rows, fileBytes: 0);
            Publish(current: null);
        }
        var failed = _done.Where(f => f.Error is not null).ToArray();
        if (failed.Length == _done.Count)
        {
            throw new InvalidDataException(
                $"Every file failed: {string.Join("; ", failed.Select(f => f.Error))}");
        }
        return new CsvAnalysis(_done, _doneRows, _done.Sum(f => f.Bytes), failed.Length);
    }

    private async Task<FileStats> AnalyzeFileAsync()
    {
        var path = _paths[_index];
        CsvAnalyzeLog.FileStarted(_context.Log, path, _index + 1, _paths.Count, _sizes[_index]);
        Report(path, rows: 0, fileBytes: 0);
        FileStream stream;
        try
        {
            // No FileStream buffer: the reader's own 1 MiB buffer is the large one, so bytes are copied once.
            const FileOptions Sequential = FileOptions.Asynchronous | FileOptions.SequentialScan;
            stream = _roots is null
                ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, Sequential)
                : _roots.OpenRead(path, bufferSize: 0, Sequential);
        }
        catch (PathNotAllowedException e)
        {
            return Failed(new FileStats(path, 0, 0, [], Complete: false, Error: e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(new FileStats(path, 0, 0, [], Complete: false, Error: $"{path}: {Describe(e)}"));
        }
        await using (stream.ConfigureAwait(false))
        {
            return await ScanAsync(new CsvFileScan(path, new CsvRecordReader(stream, ReadBufferSize))).ConfigureAwait(false);
        }
    }

    private async Task<FileStats> ScanAsync(CsvFileScan scan)
    {
        try
        {
            while (await scan.ReadChunkAsync(_context.CancellationToken).ConfigureAwait(false))
            {
                Report(scan.Path, scan.Rows, scan.Bytes);
                Publish(scan.ToStats(complete: false));
                StopIfShuttingDown("chunk");
                _context.Checkpoint("chunk");
            }
        }
        catch (CsvFormatException e)
        {
            return Failed(scan.ToStats(complete: false, $"{scan.Path} {e.Message}", e.Line));
        }
        catch (IOException e)
        {
            return Failed(scan.ToStats(complete: false, $"{scan.Path}: {e.Message}"));
        }
        var stats = scan.ToStats(complete: true);
        CsvAnalyzeLog.FileFinished(_context.Log, stats.Path, stats.Rows, stats.Bytes);
        return stats;
    }

    private FileStats Failed(FileStats stats)
    {
        CsvAnalyzeLog.FileFailed(_context.Log, stats.Path, stats.Rows, stats.Error!);
        return stats;
    }

    /// <summary>Progress in bytes of all files; a file that grew while read counts only its size at the start.</summary>
    private void Report(string path, long rows, long fileBytes)
    {
        var current = _doneBytes + Math.Min(fileBytes, _sizes[_index]);
        var message = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {rows:N0} rows");
        _context.ReportProgress(current, _totalBytes, message);
    }

    /// <summary>Partial results are the finished files plus the one in progress, covering every row so far.</summary>
    private void Publish(FileStats? current)
    {
        var results = current is null ? _done.ToArray() : [.. _done, current];
        _context.ReplacePartialResults(results, _doneRows + (current?.Rows ?? 0));
    }

    private void StopIfShuttingDown(string checkpoint)
    {
        // On host stop, a chunk boundary is a safe point: stop before CancellationToken fires mid-read.
        if (_context.ShutdownToken.IsCancellationRequested)
            throw new JobCancelledException(_context.Cancellation, checkpoint, _context.ShutdownToken);
    }

    private static long SizeOf(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? file.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "file not found",
        UnauthorizedAccessException => "access denied",
        _ => e.Message,
    };
}

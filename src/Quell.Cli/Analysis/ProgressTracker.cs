using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quell.Events;

namespace Quell.Cli.Analysis;

/// <summary>
/// Folds a job's progress events into what the terminal shows: bytes done of the total, rows so far, rows per
/// second. Rows come from the message <c>csv.analyze</c> reports ("file.csv: 1,234 rows"), counted per file.
/// Updated by the watch loop, read by the display: the snapshot is one immutable reference.
/// </summary>
internal sealed partial class ProgressTracker
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _file;
    private long _rowsInEarlierFiles;
    private long _rowsInFile;
    private volatile ProgressSnapshot _snapshot = new(0, null, 0, null, TimeSpan.Zero, Cancelling: false);

    public ProgressSnapshot Snapshot => _snapshot;

    public void MarkCancelling() => _snapshot = _snapshot with { Cancelling = true };

    public void Observe(JobEvent jobEvent)
    {
        if (jobEvent.Type != JobEventTypes.Progress || jobEvent.Data.ValueKind != JsonValueKind.Object) return;
        var data = jobEvent.Data;
        var current = data.TryGetProperty("current", out var c) && c.TryGetInt64(out var cv) ? cv : 0;
        long? total = data.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : null;
        var message = data.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        CountRows(message);
        _snapshot = new ProgressSnapshot(current, total, _rowsInEarlierFiles + _rowsInFile, _file, _clock.Elapsed, _snapshot.Cancelling);
    }

    private void CountRows(string? message)
    {
        if (message is null || RowsMessage().Match(message) is not { Success: true } match) return;
        var file = match.Groups["file"].Value;
        var rows = long.Parse(match.Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        if (!string.Equals(file, _file, StringComparison.Ordinal))
        {
            _rowsInEarlierFiles += _rowsInFile;
            _file = file;
        }
        _rowsInFile = rows;
    }

    [GeneratedRegex(@"^(?<file>.*): (?<rows>[0-9][0-9,]*) rows$", RegexOptions.CultureInvariant)]
    private static partial Regex RowsMessage();
}

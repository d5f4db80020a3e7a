using System.Collections.Concurrent;

namespace Quell.Bench.Mcp;

/// <summary>
/// Counts a server's log entries on standard error by level (the console logger's <c>info:</c>, <c>warn:</c>,
/// <c>fail:</c> headers), keeping the first line of the first few warnings and errors for the report.
/// </summary>
internal sealed class StderrTally
{
    private readonly ConcurrentDictionary<string, int> _levels = new();
    private readonly ConcurrentQueue<string> _samples = new();
    private volatile bool _sampleNext;

    public void OnLine(string line)
    {
        var level = line.Length > 5 && line[4] == ':' ? line[..4] : null;
        if (level is not null)
        {
            _levels.AddOrUpdate(level, 1, (_, n) => n + 1);
            _sampleNext = level is not ("info" or "dbug" or "trce") && _samples.Count < 3;
            return;
        }
        if (_sampleNext)
        {
            _samples.Enqueue(line.Trim());
            _sampleNext = false;
        }
    }

    /// <summary>"info 210, warn 210; e.g. …" or "nothing".</summary>
    public string Summary()
    {
        if (_levels.IsEmpty) return "nothing";
        var counts = string.Join(", ", _levels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
        return _samples.IsEmpty ? counts : $"{counts}; first: {string.Join(" | ", _samples)}";
    }
}

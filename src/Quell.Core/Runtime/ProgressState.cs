using Quell.Progress;

namespace Quell.Runtime;

/// <summary>
/// The latest progress of one running job, written by the handler at any rate and read by the progress pump.
/// Writes are plain field stores plus a version bump, so <c>ReportProgress</c> costs a few nanoseconds; a reader
/// racing a writer may pair a new <c>current</c> with an old message, which the next tick corrects.
/// </summary>
internal sealed class ProgressState
{
    private long _current;
    private long _total = -1;
    private string? _message;
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public void Report(long current, long? total, string? message)
    {
        _current = current;
        _total = total ?? -1;
        _message = message;
        Volatile.Write(ref _version, _version + 1);
    }

    public JobProgress Snapshot(out int version)
    {
        version = Volatile.Read(ref _version);
        var total = Volatile.Read(ref _total);
        return new JobProgress(Volatile.Read(ref _current), total < 0 ? null : total, Volatile.Read(ref _message));
    }
}

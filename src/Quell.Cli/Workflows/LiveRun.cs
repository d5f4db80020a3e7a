using Quell.Events;
using Quell.Workflows.Runs;

namespace Quell.Cli.Workflows;

/// <summary>The run as the watch loop has seen it so far: one projection, read by the view while events arrive.</summary>
internal sealed class LiveRun(string runId)
{
    private readonly RunProjection _projection = new(runId);
    private readonly Lock _gate = new();
    private volatile string? _notice;

    public string RunId => runId;

    /// <summary>A line for the view about what Ctrl+C did, or null.</summary>
    public string? Notice { get => _notice; set => _notice = value; }

    public void Apply(JobEvent e)
    {
        lock (_gate) _projection.Apply(e);
    }

    public RunView View()
    {
        lock (_gate) return _projection.View();
    }
}

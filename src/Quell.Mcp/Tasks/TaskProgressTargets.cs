using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Mcp.Progress;

namespace Quell.Mcp.Tasks;

/// <summary>
/// Where a task's progress can go: the creating session first, then open <c>tasks/result</c> requests, newest
/// first. Each notification goes to the first of them that takes it, so the client never gets the same progress
/// twice; one that fails (client gone, stateless HTTP) is dropped. Each receiver has its own
/// <see cref="ProgressRelay"/>, so what one receiver sees is strictly increasing.
/// </summary>
internal sealed class TaskProgressTargets(ProgressToken token, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<ProgressRelay> _listeners = [];
    private ProgressRelay? _creator;

    /// <summary>The session that created the task.</summary>
    public void SetCreator(McpServer session) => _creator = new ProgressRelay(session, token, time);

    /// <summary>An open <c>tasks/result</c> request, until the registration is disposed.</summary>
    public IDisposable Add(McpServer requestView)
    {
        var relay = new ProgressRelay(requestView, token, time);
        lock (_gate) _listeners.Add(relay);
        return new Registration(this, relay);
    }

    public Task ReportAsync(JsonElement data, Action<Exception> dropped) =>
        SendAsync(relay => relay.ReportAsync(data, CancellationToken.None), dropped);

    public Task CompleteAsync(long? finalCount, Action<Exception> dropped) =>
        SendAsync(relay => relay.CompleteAsync(finalCount, "Completed", CancellationToken.None), dropped);

    private async Task SendAsync(Func<ProgressRelay, Task> send, Action<Exception> dropped)
    {
        while (First() is { } relay)
        {
            try
            {
                await send(relay).ConfigureAwait(false);
                return;
            }
            catch (Exception e)
            {
                dropped(e);
                Remove(relay);
            }
        }
    }

    private ProgressRelay? First()
    {
        lock (_gate) return _creator ?? (_listeners.Count > 0 ? _listeners[^1] : null);
    }

    private void Remove(ProgressRelay relay)
    {
        lock (_gate)
        {
            if (_creator == relay) _creator = null;
            else _listeners.Remove(relay);
        }
    }

    private sealed class Registration(TaskProgressTargets targets, ProgressRelay relay) : IDisposable
    {
        public void Dispose() => targets.Remove(relay);
    }
}

namespace Quell.Runtime;

/// <summary>Cleanup actions of one job: run once, newest first, every error collected rather than thrown.</summary>
internal sealed class CleanupStack
{
    private List<Func<ValueTask>>? _actions;
    private bool _ran;

    public void Push(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (this)
        {
            if (_ran) throw new InvalidOperationException("The job has already run its cleanup.");
            (_actions ??= []).Add(action);
        }
    }

    /// <summary>Runs every action once; returns the errors. A second call does nothing.</summary>
    public async Task<IReadOnlyList<Exception>> RunAsync()
    {
        List<Func<ValueTask>>? actions;
        lock (this)
        {
            if (_ran) return [];
            _ran = true;
            actions = _actions;
        }
        if (actions is null) return [];
        List<Exception>? errors = null;
        for (var i = actions.Count - 1; i >= 0; i--)
        {
            try
            {
                await actions[i]().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }
        return errors ?? (IReadOnlyList<Exception>)[];
    }
}

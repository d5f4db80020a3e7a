using System.Runtime.InteropServices;

namespace Quell.Cli.Workflows;

/// <summary>
/// Ctrl+C while a workflow runs in the terminal: the first cancels the running cancellable tasks, the second the
/// whole run, a third quits at once. SIGTERM cancels the run (the process was asked to stop).
/// </summary>
internal sealed class RunInterrupts : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action _cancelTasks;
    private readonly Action<bool> _cancelRun;
    private readonly Action _quit;
    private int _count;

    public RunInterrupts(Action cancelTasks, Action<bool> cancelRun, Action quit)
    {
        _cancelTasks = cancelTasks;
        _cancelRun = cancelRun;
        _quit = quit;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        context.Cancel = true; // the run is steered first; the process ends when it has stopped
        switch (Interlocked.Increment(ref _count))
        {
            case 1: _cancelTasks(); break;
            case 2: _cancelRun(true); break;
            default: _quit(); break;
        }
    }

    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        _cancelRun(false);
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}

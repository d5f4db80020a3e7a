using System.Runtime.InteropServices;

namespace Quell.Cli.Analysis;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM while a job runs in the terminal: the first asks for a graceful cancel, a second
/// Ctrl+C quits at once with exit code 130.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action<PosixSignal> _onFirst;
    private readonly Action _onQuit;
    private int _count;

    public Interrupts(Action<PosixSignal> onFirst, Action onQuit)
    {
        _onFirst = onFirst;
        _onQuit = onQuit;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the job is cancelled first; the process ends when it has stopped
        if (Interlocked.Increment(ref _count) == 1)
        {
            _onFirst(context.Signal);
            return;
        }
        if (context.Signal == PosixSignal.SIGINT) _onQuit();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}

using Quell.Cancellation;

namespace Quell.Agents.Runner;

/// <summary>A stand-alone <see cref="AgentCancellation"/> for work that does not run as a job (and for tests).</summary>
public sealed class AgentCancellationSource : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TimeProvider _time;
    private CancellationInfo? _info;

    /// <summary>Creates the source.</summary>
    /// <param name="timeProvider">Stamps requests; <see cref="TimeProvider.System"/> by default.</param>
    public AgentCancellationSource(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        Cancellation = new AgentCancellation(() => Volatile.Read(ref _info), Cancel, _source.Token);
    }

    /// <summary>What the run is given.</summary>
    public AgentCancellation Cancellation { get; }

    /// <summary>The first request, once there is one.</summary>
    public CancellationInfo? Info => Volatile.Read(ref _info);

    /// <summary>Asks the run to stop; the first request's reason is kept.</summary>
    public void Cancel(CancellationReason reason, string? message = null)
    {
        Interlocked.CompareExchange(ref _info, new CancellationInfo(reason, message, "caller", _time.GetUtcNow()), null);
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}

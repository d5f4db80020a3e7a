using Quell.Cancellation;
using Quell.Jobs;

namespace Quell.Agents.Runner;

/// <summary>
/// How an agent run learns it must stop: a token, a way to read the request's reason, and a way to cancel itself
/// (a spent token budget).
/// </summary>
/// <param name="info">Reads the request once there is one.</param>
/// <param name="cancel">Cancels the work from inside (it should make <paramref name="token"/> fire); null when it cannot.</param>
/// <param name="token">Fires on any cancellation.</param>
public sealed class AgentCancellation(Func<CancellationInfo?> info, Action<CancellationReason, string>? cancel, CancellationToken token)
{
    /// <summary>Fires on any cancellation.</summary>
    public CancellationToken Token { get; } = token;

    /// <summary>The request, once there is one.</summary>
    public CancellationInfo? Info => info();

    /// <summary>Cancellation for work running as a job: its token, its request, and <see cref="IJobContext.Cancel"/>.</summary>
    public static AgentCancellation For(IJobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AgentCancellation(() => context.Cancellation, context.Cancel, context.CancellationToken);
    }

    internal void Request(CancellationReason reason, string message) => cancel?.Invoke(reason, message);
}

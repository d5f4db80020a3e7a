using Quell.Events;

namespace Quell.Workflows.Agui;

/// <summary>
/// Re-attaching to a run: a fresh, valid AG-UI stream that starts with the run so far and continues live. The
/// official client refuses a stream that resumes mid-message, so <see cref="Events"/> is <c>RUN_STARTED</c>, then
/// <c>MESSAGES_SNAPSHOT</c> (every message so far, text accumulated, tool calls and results included) and
/// <c>STATE_SNAPSHOT</c>, then a <c>STEP_STARTED</c> for each step still open and a <c>TEXT_MESSAGE_START</c> for
/// each message still streaming (already in the snapshot with its text so far, so its later deltas append to it);
/// for a run that has ended, its <c>RUN_FINISHED</c> or <c>RUN_ERROR</c> last. Feed the live events after
/// <see cref="LastSeq"/> to <see cref="Projector"/> and send what it returns.
/// </summary>
public sealed class AguiSnapshot
{
    private AguiSnapshot(IReadOnlyList<AguiEvent> events, AguiProjector projector)
    {
        Events = events;
        Projector = projector;
    }

    /// <summary>The events that open the re-attached stream; empty while the run has not started.</summary>
    public IReadOnlyList<AguiEvent> Events { get; }

    /// <summary>The projector that has seen the history; it carries on with the live events.</summary>
    public AguiProjector Projector { get; }

    /// <summary>The last stored event the snapshot includes: live events are the ones after it.</summary>
    public long LastSeq => Projector.LastSeq;

    /// <summary>Builds the snapshot of a run's history so far.</summary>
    /// <param name="history">The run's stored events, in sequence order.</param>
    /// <param name="runId">See <see cref="AguiProjector(string?, string?)"/>.</param>
    /// <param name="threadId">See <see cref="AguiProjector(string?, string?)"/>.</param>
    public static AguiSnapshot Build(IEnumerable<JobEvent> history, string? runId = null, string? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var projector = new AguiProjector(runId, threadId);
        foreach (var e in history) projector.Project(e);
        return new AguiSnapshot(projector.Snapshot(), projector);
    }
}

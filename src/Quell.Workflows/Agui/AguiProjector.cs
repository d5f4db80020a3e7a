using System.Text.Json;
using Quell.Agents.Events;
using Quell.Events;
using Quell.Workflows.Events;

namespace Quell.Workflows.Agui;

/// <summary>
/// Turns the history of a <c>workflow.run</c> job into AG-UI events: a pure, deterministic function of the events fed
/// so far, fed one event at a time (stored history, then live events), so the same history always gives the same
/// stream. Whatever it is fed, what it returns is a sequence the official client accepts: <c>RUN_STARTED</c> first,
/// no content for a message it did not open, nothing after the run's end, and every message and step closed before
/// <c>RUN_FINISHED</c>. The mapping is in docs/agui.md.
/// </summary>
public sealed partial class AguiProjector
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly List<AguiEvent> _emitted = [];
    private readonly AguiMessageLog _messages = new();
    private readonly AguiRunState _state = new();
    private readonly List<StepStartedEvent> _openSteps = [];
    private string? _runId;
    private string? _threadId;
    private RunStartedEvent? _started;
    private AguiEvent? _end;
    private bool _taskCancelled;
    private long _lastSeq;
    private long _lastTime;

    /// <summary>Creates a projector for one run.</summary>
    /// <param name="runId">The run's id; by default the first event's run id, else its job id.</param>
    /// <param name="threadId">
    /// The AG-UI thread, used when the history does not name one before the run must start (by default the
    /// <c>threadId</c> of <c>workflow.started</c>, else the run id).
    /// </param>
    public AguiProjector(string? runId = null, string? threadId = null)
    {
        _runId = runId;
        _threadId = threadId;
    }

    /// <summary>The run's id (the AG-UI <c>runId</c>), once known.</summary>
    public string? RunId => _runId;

    /// <summary>True once <c>RUN_FINISHED</c> or <c>RUN_ERROR</c> was returned: every later event projects to nothing.</summary>
    public bool IsFinished => _end is not null;

    /// <summary>The highest stored sequence number fed so far: live events resume after it.</summary>
    public long LastSeq => _lastSeq;

    /// <summary>Projects a whole history at once.</summary>
    /// <param name="history">The run's events in sequence order.</param>
    /// <param name="runId">See the constructor.</param>
    /// <param name="threadId">See the constructor.</param>
    public static IReadOnlyList<AguiEvent> ProjectAll(IEnumerable<JobEvent> history, string? runId = null, string? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var projector = new AguiProjector(runId, threadId);
        var all = new List<AguiEvent>();
        foreach (var e in history) all.AddRange(projector.Project(e));
        return all;
    }

    /// <summary>
    /// Feeds the next event (in sequence order) and returns the AG-UI events it maps to, often none. A stored event
    /// whose sequence number is not above <see cref="LastSeq"/> was seen already and maps to nothing, so a caller may
    /// overlap the history it read with the live events it subscribed to.
    /// </summary>
    /// <param name="jobEvent">The run's next event.</param>
    public IReadOnlyList<AguiEvent> Project(JobEvent jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (_end is not null) return [];
        if (!jobEvent.IsTransient)
        {
            if (jobEvent.Seq <= _lastSeq) return [];
            _lastSeq = jobEvent.Seq;
        }
        _runId ??= jobEvent.RunId ?? jobEvent.JobId;
        _lastTime = jobEvent.Time.ToUnixTimeMilliseconds();
        _emitted.Clear();
        Dispatch(jobEvent, jobEvent.ElementId ?? EventData.String(jobEvent.Data, "elementId"));
        return _emitted.Count == 0 ? [] : _emitted.ToArray();
    }

    /// <summary>
    /// The start of a stream for a client that attaches now: <c>RUN_STARTED</c>, <c>MESSAGES_SNAPSHOT</c> and
    /// <c>STATE_SNAPSHOT</c> of the run so far, then the <c>STEP_STARTED</c> and <c>TEXT_MESSAGE_START</c> of the steps
    /// and messages still open (so their later events are valid), or the run's end if it ended. Empty before the run
    /// started.
    /// </summary>
    internal IReadOnlyList<AguiEvent> Snapshot()
    {
        if (_started is null) return [];
        var events = new List<AguiEvent>
        {
            _started,
            new MessagesSnapshotEvent(_messages.ToMessages()) { Timestamp = _lastTime },
            new StateSnapshotEvent(_state.ToElement()) { Timestamp = _lastTime },
        };
        events.AddRange(_openSteps);
        events.AddRange(_openMessages.Select(m => m.Start));
        if (_end is not null) events.Add(_end);
        return events;
    }

    private void Dispatch(JobEvent e, string? elementId)
    {
        var data = e.Data;
        switch (e.Type)
        {
            case JobEventTypes.Completed when IsRunJob(e):
                _state.Finished("success", null);
                EndRun(RunFinishedOutcome.Success, EventData.Property(data, "result"), ClosedAs.Interrupted);
                break;
            case JobEventTypes.Cancelled when IsRunJob(e):
                _state.Finished("cancelled", EventData.String(data, "message"));
                EndRun(RunFinishedOutcome.Cancelled, NonEmpty(data), ClosedAs.Cancelled);
                break;
            case JobEventTypes.Failed when IsRunJob(e):
                var error = EventData.String(data, "error") ?? "The run failed.";
                _state.Finished("failed", error);
                EndWithError(error, "run_failed");
                break;
            case JobEventTypes.CancelRequested or JobEventTypes.Cancelling when IsRunJob(e):
                Custom(e);
                break;
            case WorkflowEventTypes.RunStarted:
                _threadId = _started is null ? EventData.String(data, "threadId") ?? _threadId : _threadId;
                Begin();
                _state.Started(data);
                EmitState();
                break;
            case WorkflowEventTypes.RunFinished:
                OnWorkflowFinished(data);
                break;
            case WorkflowEventTypes.ElementStarted when elementId is not null:
                OnElementStarted(elementId, data);
                break;
            case WorkflowEventTypes.ElementCompleted when elementId is not null:
                OnElementEnded(elementId, "completed", data, "output");
                break;
            case WorkflowEventTypes.ElementFailed when elementId is not null:
                OnElementEnded(elementId, "failed", data, "error");
                break;
            case WorkflowEventTypes.UserTaskWaiting when elementId is not null:
                OnElementUpdated(e, elementId, "waiting", "prompt");
                break;
            case WorkflowEventTypes.UserTaskCompleted when elementId is not null:
                OnElementUpdated(e, elementId, "running", "input");
                break;
            case WorkflowEventTypes.GatewayEvaluated when elementId is not null:
                OnElementUpdated(e, elementId, null, "flows");
                break;
            case WorkflowEventTypes.TaskCancelled:
                OnTaskCancelled(e, elementId);
                break;
            case AgentEventTypes.MessageStart:
                OnMessageStart(data, elementId);
                break;
            case AgentEventTypes.MessageDelta:
                OnMessageDelta(data, elementId);
                break;
            case AgentEventTypes.MessageEnd:
                OnMessageEnd(data);
                break;
            case AgentEventTypes.ToolStart:
                OnToolStart(data);
                break;
            case AgentEventTypes.ToolEnd:
                OnToolEnd(data);
                break;
            default:
                // Every other task.* and workflow.* event (cancellable, cancel.request, cancelling, cancel.failed,
                // retry, checkpoint, usage, and any added later) has no AG-UI counterpart: CUSTOM, named after it.
                if (e.Type.StartsWith("task.", StringComparison.Ordinal) || e.Type.StartsWith("workflow.", StringComparison.Ordinal))
                {
                    Custom(e);
                }
                break;
        }
    }

    private bool IsRunJob(JobEvent e) => string.Equals(e.JobId, _runId, StringComparison.Ordinal);

    private static JsonElement? NonEmpty(JsonElement data) => data.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? data : null;

    private void Emit(AguiEvent e) => _emitted.Add(e with { Timestamp = _lastTime });

    private void Begin()
    {
        if (_started is not null) return;
        var runId = _runId ?? "";
        _started = new RunStartedEvent(_threadId ?? runId, runId) { Timestamp = _lastTime };
        _emitted.Add(_started);
    }

    private void EmitState() => Emit(new StateSnapshotEvent(_state.ToElement()));

    private void Custom(JobEvent e)
    {
        Begin();
        Emit(new CustomEvent(e.Type, e.Data.ValueKind == JsonValueKind.Undefined ? EmptyObject : e.Data));
    }
}

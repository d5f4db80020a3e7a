using System.Collections.Concurrent;
using System.Text.Json;
using Quell.Cancellation;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Storage;
using Quell.Workflows.Catalog;
using Quell.Workflows.Engine;
using Quell.Workflows.Events;

namespace Quell.Workflows.Runs;

/// <summary>
/// What every surface (HTTP, MCP, CLI, AG-UI) uses to start, watch, steer and replay workflow runs. A run is a
/// <c>workflow.run</c> job; owner checks are the job service's (another owner's run reads as unknown).
/// </summary>
public sealed class WorkflowRuns(IJobService jobs, IWorkflowCatalog catalog, ElementCancellation elementCancellation)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _userTaskGates = new(StringComparer.Ordinal);

    /// <summary>Starts workflow <paramref name="workflowId"/> as a new run and returns its job.</summary>
    /// <param name="workflowId">The catalog id.</param>
    /// <param name="variables">The input variables, a JSON object; null for none.</param>
    /// <param name="owner">Who starts it.</param>
    /// <param name="runId">The run's id (e.g. AG-UI's <c>runId</c>); null to generate one.</param>
    /// <param name="threadId">The conversation it belongs to (AG-UI's <c>threadId</c>), if any.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="WorkflowNotFoundException">No workflow has that id.</exception>
    /// <exception cref="JobSubmissionException">The run was refused (id taken or invalid, variables not an object, shutting down).</exception>
    public async Task<JobRecord> StartAsync(
        string workflowId, JsonElement? variables, string owner, string? runId = null, string? threadId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var stored = await catalog.GetAsync(workflowId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException(workflowId);
        var input = new WorkflowRunInput
        {
            WorkflowId = stored.Id,
            Format = WorkflowRunInput.FormatName(stored.Format),
            Source = stored.Text,
            Variables = variables is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : variables,
            ThreadId = threadId,
        };
        var json = JsonSerializer.SerializeToElement(input, QuellBuilder.HandlerJsonOptions);
        return await jobs.SubmitAsync(new JobSubmission(WorkflowRunJob.JobType, json, owner, Id: runId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run as its history tells it so far, or null when there is no such run for this owner.</summary>
    public async Task<RunView?> GetAsync(string runId, string? owner, CancellationToken cancellationToken = default)
    {
        if (!await IsRunAsync(runId, owner, cancellationToken).ConfigureAwait(false)) return null;
        return (await RunReader.ProjectAsync(jobs, runId, owner, cancellationToken).ConfigureAwait(false)).View();
    }

    /// <summary>
    /// Cancels the whole run: its cancellable running tasks stop (each recording <c>task.cancelled</c>), nothing new
    /// starts, and the run ends with outcome <c>cancelled</c>. Null when there is no such run for this owner.
    /// </summary>
    public async Task<CancelOutcome?> CancelRunAsync(
        string runId, string? owner, CancellationReason reason = CancellationReason.UserRequested, string? message = null,
        CancellationToken cancellationToken = default)
    {
        if (!await IsRunAsync(runId, owner, cancellationToken).ConfigureAwait(false)) return null;
        return await jobs.CancelAsync(runId, new CancelRequest(owner, reason, message), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels one task of a run (see <see cref="ElementCancellation"/> for the outcomes and seed 001's refusals).</summary>
    public async Task<ElementCancelOutcome> CancelElementAsync(
        string runId, string elementId, string? owner, CancellationReason reason = CancellationReason.UserRequested,
        string? message = null, CancellationToken cancellationToken = default)
    {
        if (!await IsRunAsync(runId, owner, cancellationToken).ConfigureAwait(false))
        {
            return new ElementCancelOutcome(ElementCancelOutcomeKind.RunNotFound, $"No run '{runId}'.", null);
        }
        return await elementCancellation.CancelAsync(runId, elementId, owner, reason, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives a waiting user task its input (which becomes the task's output); recorded as
    /// <c>workflow.usertask.completed</c> in the run's history, which the engine watches.
    /// </summary>
    public async Task<UserTaskCompletion> CompleteUserTaskAsync(
        string runId, string elementId, JsonElement input, string? owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        if (!await IsRunAsync(runId, owner, cancellationToken).ConfigureAwait(false)) return UserTaskCompletion.RunNotFound;
        // One completion per task: two at once must not both pass the "waiting" check.
        var gate = _userTaskGates.GetOrAdd(runId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var element = (await RunReader.ProjectAsync(jobs, runId, owner, cancellationToken).ConfigureAwait(false)).Element(elementId);
            if (element is not { Status: "waiting" }) return UserTaskCompletion.NotWaiting;
            await jobs.AppendEventAsync(runId, owner, WorkflowEventTypes.UserTaskCompleted,
                JsonSerializer.SerializeToElement(new { elementId, input }), cancellationToken).ConfigureAwait(false);
            return UserTaskCompletion.Completed;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The run rebuilt from its stored events alone, with a timeline of them; null when there is no such run.</summary>
    public async Task<RunReplay?> ReplayAsync(string runId, string? owner, CancellationToken cancellationToken = default)
    {
        if (!await IsRunAsync(runId, owner, cancellationToken).ConfigureAwait(false)) return null;
        var projection = new RunProjection(runId);
        var timeline = new List<TimelineEntry>();
        while (true)
        {
            var page = await jobs.ReadEventsAsync(runId, owner, projection.LastSeq, 1000, cancellationToken).ConfigureAwait(false);
            if (page is null || page.Count == 0) break;
            foreach (var e in page)
            {
                if (projection.Apply(e)) timeline.Add(new TimelineEntry(e.Seq, e.Time, e.Type, e.Data.String("elementId"), TimelineSummary.Of(e)));
            }
            if (page.Count < 1000) break;
        }
        return new RunReplay(timeline, projection.View());
    }

    private async Task<bool> IsRunAsync(string runId, string? owner, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(runId)
        && await jobs.GetAsync(runId, owner, cancellationToken).ConfigureAwait(false) is { Type: WorkflowRunJob.JobType };
}

/// <summary>What became of <see cref="WorkflowRuns.CompleteUserTaskAsync"/>.</summary>
public enum UserTaskCompletion
{
    /// <summary>The input is recorded; the run goes on.</summary>
    Completed,
    /// <summary>No such run for this caller.</summary>
    RunNotFound,
    /// <summary>The element is not a user task waiting for input (not started, already given, or not a user task).</summary>
    NotWaiting,
}

/// <summary>A run rebuilt from its events alone.</summary>
/// <param name="Timeline">Every stored event, in order, summarised.</param>
/// <param name="Run">The projection of those events: what the live view showed.</param>
public sealed record RunReplay(IReadOnlyList<TimelineEntry> Timeline, RunView Run);

/// <summary>One event of a replay's timeline.</summary>
/// <param name="Seq">Its sequence number in the run's history.</param>
/// <param name="Time">When it was recorded.</param>
/// <param name="Type">Its type, such as <c>task.cancelled</c>.</param>
/// <param name="ElementId">The element it is about, if any.</param>
/// <param name="Summary">One line for people.</param>
public sealed record TimelineEntry(long Seq, DateTimeOffset Time, string Type, string? ElementId, string Summary);

/// <summary>No workflow has the id a run was asked for.</summary>
public sealed class WorkflowNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException()
    {
    }

    /// <summary>Creates the exception for <paramref name="workflowId"/>.</summary>
    public WorkflowNotFoundException(string workflowId)
        : base($"No workflow '{workflowId}'.")
    {
        WorkflowId = workflowId;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id asked for.</summary>
    public string? WorkflowId { get; }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Workflows.Events;

namespace Quell.Workflows.Runs;

/// <summary>What became of a request to cancel one element of a run.</summary>
public enum ElementCancelOutcomeKind
{
    /// <summary>The request is durable; the task stops at its next checkpoint.</summary>
    Requested,
    /// <summary>An earlier request stands; nothing new was recorded.</summary>
    AlreadyRequested,
    /// <summary>No such run for this caller.</summary>
    RunNotFound,
    /// <summary>The element has not started (or does not exist in the run).</summary>
    NotRunning,
    /// <summary>The element already finished: "Task already completed".</summary>
    AlreadyCompleted,
    /// <summary>The element runs but does not allow cancellation: "Task is not cancellable".</summary>
    NotCancellable,
}

/// <summary>The answer to an element cancel: what happened and the element as it now stands.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">The message users see (seed 001's words for the refusals).</param>
/// <param name="Element">The element, when it started.</param>
public sealed record ElementCancelOutcome(ElementCancelOutcomeKind Kind, string Message, ElementView? Element);

/// <summary>
/// Records requests to cancel one task of a run, durable first: the request is an event in the run's history,
/// which the engine watches, so a request made anywhere reaches the run wherever it executes. Requests for the same
/// run are serialised, so two cancels leave one request in the history; a refused cancel is recorded as
/// <c>task.cancel.failed</c> while the run is live.
/// </summary>
public sealed class ElementCancellation(IJobService jobs)
{
    /// <summary>Seed 001's message for a task that already finished.</summary>
    public const string AlreadyCompletedMessage = "Task already completed";

    /// <summary>Seed 001's message for a task without <c>allowCancellation</c>.</summary>
    public const string NotCancellableMessage = "Task is not cancellable";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Asks element <paramref name="elementId"/> of run <paramref name="runId"/> to stop.</summary>
    public async Task<ElementCancelOutcome> CancelAsync(
        string runId, string elementId, string? owner, CancellationReason reason, string? message,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        var gate = _gates.GetOrAdd(runId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await jobs.GetAsync(runId, owner, cancellationToken).ConfigureAwait(false);
            if (run is null) return new(ElementCancelOutcomeKind.RunNotFound, $"No run '{runId}'.", null);
            var projection = await RunReader.ProjectAsync(jobs, runId, owner, cancellationToken).ConfigureAwait(false);
            var element = projection.Element(elementId);
            var live = !run.Status.IsTerminal();
            switch (element)
            {
                case null:
                    return new(ElementCancelOutcomeKind.NotRunning, $"Task '{elementId}' is not running in run '{runId}'.", null);
                case { CancelRequest: not null }:
                    return new(ElementCancelOutcomeKind.AlreadyRequested, "A cancel of this task was already requested.", element);
                case { Status: "completed" or "failed" or "cancelled" }:
                    if (live) await RefuseAsync(runId, owner, elementId, AlreadyCompletedMessage, cancellationToken).ConfigureAwait(false);
                    return new(ElementCancelOutcomeKind.AlreadyCompleted, AlreadyCompletedMessage, element);
                case { Cancellable: false }:
                    if (live) await RefuseAsync(runId, owner, elementId, NotCancellableMessage, cancellationToken).ConfigureAwait(false);
                    return new(ElementCancelOutcomeKind.NotCancellable, NotCancellableMessage, element);
            }
            var request = JsonSerializer.SerializeToElement(new
            {
                elementId,
                reason = reason.ToWireName(),
                message = message ?? "User requested cancellation",
                requestedBy = owner,
            });
            await jobs.AppendEventAsync(runId, owner, WorkflowEventTypes.TaskCancelRequest, request, cancellationToken).ConfigureAwait(false);
            var now = await RunReader.ProjectAsync(jobs, runId, owner, cancellationToken).ConfigureAwait(false);
            return new(ElementCancelOutcomeKind.Requested, "Cancellation requested; the task stops at its next checkpoint.", now.Element(elementId));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Holds back new requests for <paramref name="runId"/> until the returned handle is disposed. The engine holds it
    /// while it notes how far its history goes before finishing, so no request can be recorded (as still running)
    /// after the engine stopped listening: one recorded later sees the task finished and is refused here.
    /// </summary>
    internal async Task<IDisposable> HoldRequestsAsync(string runId)
    {
        var gate = _gates.GetOrAdd(runId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private Task<bool> RefuseAsync(string runId, string? owner, string elementId, string error, CancellationToken cancellationToken) =>
        jobs.AppendEventAsync(runId, owner, WorkflowEventTypes.TaskCancelFailed,
            JsonSerializer.SerializeToElement(new { elementId, error }), cancellationToken);
}

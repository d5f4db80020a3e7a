using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Events;
using Quell.Jobs;

namespace Quell.Mcp.Tasks;

/// <summary>
/// Keeps a task's progress flowing on the original request's progress token after the <c>CreateTaskResult</c>
/// went out ("the progressToken provided in the initial request remains valid throughout the task lifetime"),
/// until the job is terminal. It goes to the session that created the task while that can take it (stdio;
/// stateful Streamable HTTP, where the SDK sends it on the session's GET stream); when it cannot (the client left,
/// or stateless HTTP, which has no channel outside a request), to an open <c>tasks/result</c> request of the task.
/// </summary>
internal sealed partial class TaskProgressForwarder(IJobService jobs, TimeProvider time, ILogger<TaskProgressForwarder> logger)
{
    private readonly ConcurrentDictionary<string, TaskProgressTargets> _active = new(StringComparer.Ordinal);

    public void Start(McpServer session, ProgressToken token, string jobId, string owner)
    {
        var targets = new TaskProgressTargets(token, time);
        targets.SetCreator(session);
        _active[jobId] = targets;
        _ = Task.Run(() => RelayAsync(targets, jobId, owner));
    }

    /// <summary>
    /// While the returned registration is not disposed, <paramref name="requestView"/> (the server view of a
    /// <c>tasks/result</c> request) takes the task's progress when the creating session cannot. Null when this
    /// process relays no progress for the task.
    /// </summary>
    public IDisposable? Listen(string jobId, McpServer requestView) =>
        _active.TryGetValue(jobId, out var targets) ? targets.Add(requestView) : null;

    private async Task RelayAsync(TaskProgressTargets targets, string jobId, string owner)
    {
        try
        {
            await foreach (var e in jobs.WatchAsync(jobId, owner, afterSeq: 0, includeTransient: true).ConfigureAwait(false))
            {
                if (e.Type == JobEventTypes.Completed)
                {
                    var job = await jobs.GetAsync(jobId, owner).ConfigureAwait(false);
                    await targets.CompleteAsync(job?.Progress?.Current, LogDropped).ConfigureAwait(false);
                    return;
                }
                if (JobEventTypes.IsTerminal(e.Type)) return;
                if (e.Type == JobEventTypes.Progress) await targets.ReportAsync(e.Data, LogDropped).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Reading the job failed (the store is closing): the job goes on, its progress is no longer relayed.
            LogRelayStopped(jobId, e.Message);
        }
        finally
        {
            _active.TryRemove(new KeyValuePair<string, TaskProgressTargets>(jobId, targets));
        }

        void LogDropped(Exception e) => LogTargetDropped(jobId, e.Message);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped relaying the progress of task {JobId}: {Reason}")]
    private partial void LogRelayStopped(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A receiver of task {JobId}'s progress cannot take it any more: {Reason}")]
    private partial void LogTargetDropped(string jobId, string reason);
}

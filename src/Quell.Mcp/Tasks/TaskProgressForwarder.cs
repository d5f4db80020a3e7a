using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Events;
using Quell.Jobs;
using Quell.Mcp.Progress;

namespace Quell.Mcp.Tasks;

/// <summary>
/// Keeps a task's progress flowing on the original request's progress token after the <c>CreateTaskResult</c>
/// went out ("the progressToken provided in the initial request remains valid throughout the task lifetime").
/// Over Streamable HTTP the SDK sends what follows a request's response on the session's GET stream.
/// </summary>
internal sealed partial class TaskProgressForwarder(IJobService jobs, TimeProvider time, ILogger<TaskProgressForwarder> logger)
{
    public Task Start(McpServer session, ProgressToken token, string jobId, string owner) =>
        Task.Run(() => RelayAsync(new ProgressRelay(session, token, time), jobId, owner));

    private async Task RelayAsync(ProgressRelay relay, string jobId, string owner)
    {
        try
        {
            await foreach (var e in jobs.WatchAsync(jobId, owner, afterSeq: 0, includeTransient: true).ConfigureAwait(false))
            {
                if (e.Type == JobEventTypes.Completed)
                {
                    var job = await jobs.GetAsync(jobId, owner).ConfigureAwait(false);
                    await relay.CompleteAsync(job?.Progress?.Current, "Completed", CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                if (JobEventTypes.IsTerminal(e.Type)) return;
                if (e.Type == JobEventTypes.Progress) await relay.ReportAsync(e.Data, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // The client may be gone (session deleted, stdio closed); the job goes on without it.
            LogRelayStopped(jobId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopped relaying the progress of task {JobId}: {Reason}")]
    private partial void LogRelayStopped(string jobId, string reason);
}

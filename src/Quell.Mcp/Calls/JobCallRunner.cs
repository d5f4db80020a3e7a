using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Events;
using Quell.Jobs;
using Quell.Mcp.Progress;

namespace Quell.Mcp.Calls;

/// <summary>
/// Runs one job for one <c>tools/call</c>: submits it, relays its progress to the request's progress token, and
/// returns the job once it is terminal. When the call is cancelled — the client's <c>notifications/cancelled</c>
/// (seen by <see cref="CancelNotificationFilter"/>, or the SDK's request token over stdio), or the session closing —
/// the job is cancelled with <c>user_requested</c>, once, and the runner waits for its terminal event, so that the
/// partial results are in the history. Then it throws <see cref="OperationCanceledException"/> when the SDK's token
/// fired (the SDK sends no response), or returns the cancelled job, whose response
/// <see cref="ResponseSuppressionFilter"/> holds back (basic/utilities/cancellation).
/// </summary>
internal sealed class JobCallRunner(IJobService jobs, McpCallRegistry calls, TimeProvider time)
{
    /// <summary>The message of a cancel the client asked for without giving a reason.</summary>
    public const string DefaultCancelMessage = "Cancelled by the MCP client";

    /// <summary>The message of a cancel caused by the client going away.</summary>
    public const string DisconnectMessage = "client disconnected";

    public Task<JobRecord> RunAsync(RequestContext<CallToolRequestParams> request, JobSubmission submission, CancellationToken cancellationToken) =>
        RunAsync(request, submission.Owner, token => jobs.SubmitAsync(submission, token), cancellationToken);

    /// <summary>As above, for a job another service submits (such as a workflow run); <paramref name="owner"/> is its owner.</summary>
    public async Task<JobRecord> RunAsync(
        RequestContext<CallToolRequestParams> request, string owner, Func<CancellationToken, Task<JobRecord>> submit, CancellationToken cancellationToken)
    {
        using var call = calls.Begin(request.Server, request.JsonRpcRequest.Id, owner);
        try
        {
            return await RunCallAsync(call, request, owner, submit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // When the SDK's token fired it sends nothing for the request, so nothing is left to hold back.
            call.Finish(responseFollows: !cancellationToken.IsCancellationRequested);
        }
    }

    private async Task<JobRecord> RunCallAsync(
        McpCall call, RequestContext<CallToolRequestParams> request, string owner, Func<CancellationToken, Task<JobRecord>> submit,
        CancellationToken cancellationToken)
    {
        // Either token stops the call: the SDK's (stdio cancel, session closing) or the client's cancel seen by our filter.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.ClientCancelled);
        var job = await submit(stop.Token).ConfigureAwait(false);
        call.JobId = job.Id;

        var relay = request.Params?.ProgressToken is { } token ? new ProgressRelay(request.Server, token, time) : null;
        // The watch ends with the job's terminal event; this only bounds the wait once a cancel was requested.
        using var watchLimit = new CancellationTokenSource();
        JobEvent? terminal;
        using (stop.Token.Register(() => OnCancelled(call, watchLimit)))
        {
            terminal = await WatchAsync(job.Id, owner, relay, watchLimit.Token, stop.Token).ConfigureAwait(false);
        }

        JobRecord? finished = null;
        if (call.CancelNotified && CancelLogNotification.IsWanted(request.Server))
        {
            // Before the request's HTTP stream ends (CancelledRequestFilter, ResponseSuppressionFilter); told from the
            // terminal event when it says enough, so the client hears of the stop without waiting for a store read.
            var end = terminal is null ? null : CallJobEnd.Of(terminal);
            if (end is null)
            {
                finished = await ReadAsync(job, owner).ConfigureAwait(false);
                end = CallJobEnd.Of(finished);
            }
            await CancelLogNotification.SendAsync(request.Server, call.RequestId, end.Value, ClientMessage(call)).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        finished ??= await ReadAsync(job, owner).ConfigureAwait(false);
        // Cancelled by the client over HTTP: this result is never sent (ResponseSuppressionFilter).
        if (stop.IsCancellationRequested) return finished;
        if (relay is not null && finished.Status == JobStatus.Completed)
        {
            await relay.CompleteAsync(finished.Progress?.Current, "Completed", cancellationToken).ConfigureAwait(false);
        }
        return finished;
    }

    private async Task<JobRecord> ReadAsync(JobRecord submitted, string owner) =>
        await jobs.GetAsync(submitted.Id, owner, CancellationToken.None).ConfigureAwait(false) ?? submitted;

    /// <summary>Relays progress until the job's terminal event, which it returns (null when the limit ran out first).</summary>
    private async Task<JobEvent?> WatchAsync(
        string jobId, string owner, ProgressRelay? relay, CancellationToken watchLimit, CancellationToken requestToken)
    {
        try
        {
            await foreach (var e in jobs.WatchAsync(jobId, owner, afterSeq: 0, includeTransient: relay is not null, watchLimit)
                               .ConfigureAwait(false))
            {
                if (JobEventTypes.IsTerminal(e.Type)) return e;
                if (relay is null || e.Type != JobEventTypes.Progress || requestToken.IsCancellationRequested) continue;
                try
                {
                    await relay.ReportAsync(e.Data, requestToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (requestToken.IsCancellationRequested)
                {
                    // Cancelled while sending: keep watching until the job is terminal.
                }
            }
        }
        catch (OperationCanceledException) when (watchLimit.IsCancellationRequested)
        {
            // The job did not stop within the limit; the caller reports what the store says.
        }
        return null;
    }

    private static string ClientMessage(McpCall call) => call.CancelReason ?? DefaultCancelMessage;

    private void OnCancelled(McpCall call, CancellationTokenSource watchLimit)
    {
        watchLimit.CancelAfter(McpCallRegistry.StopWait);
        // When the process is stopping, the runtime cancels the job itself (system_shutdown).
        if (calls.IsShuttingDown && !call.CancelNotified) return;
        _ = call.CancelJobAsync(jobs, call.CancelNotified ? ClientMessage(call) : DisconnectMessage);
    }
}

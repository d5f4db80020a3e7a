using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

/// <summary>
/// Every in-flight job-running tool call of every session, so that a <c>notifications/cancelled</c> can cancel the
/// call it names (and hold back its response), and a session that ends can cancel the jobs its client left running.
/// </summary>
internal sealed partial class McpCallRegistry
{
    /// <summary>How long a closing session waits for its cancelled jobs to stop before it gives up waiting.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(60);

    // Keyed by session id, not by McpServer instance: the SDK hands each request handler its own wrapper of the
    // session. Stdio sessions have no id (one quell mcp process serves exactly one); nor do stateless HTTP requests
    // (2026-07-28 clients), for which the owner check below is all that separates clients.
    private readonly ConcurrentDictionary<(string Session, RequestId Id), McpCall> _calls = new();
    // Requests the client cancelled whose response the SDK may still send (see ResponseSuppressionFilter).
    private readonly ConcurrentDictionary<(string Session, RequestId Id), byte> _suppressed = new();
    private readonly IJobService _jobs;
    private readonly ILogger<McpCallRegistry> _logger;
    private volatile bool _shuttingDown;

    public McpCallRegistry(IJobService jobs, ILogger<McpCallRegistry> logger, IHostApplicationLifetime? lifetime = null)
    {
        _jobs = jobs;
        _logger = logger;
        // When the host stops, the runtime cancels running jobs with system_shutdown; the MCP sessions closing at
        // the same time must not record that as their clients leaving.
        lifetime?.ApplicationStopping.Register(MarkShuttingDown);
    }

    /// <summary>True once the process is stopping: closing sessions leave their jobs to the runtime's shutdown.</summary>
    public bool IsShuttingDown => _shuttingDown;

    public void MarkShuttingDown() => _shuttingDown = true;

    public McpCall Begin(McpServer session, RequestId requestId, string owner)
    {
        var call = new McpCall(this, session, requestId, owner);
        _calls[(KeyOf(session), requestId)] = call;
        return call;
    }

    /// <summary>
    /// Cancels the call a <c>notifications/cancelled</c> names: its job is cancelled with the client's reason and its
    /// response held back. Unknown, finished and already-cancelled request ids are ignored, as the specification
    /// allows (basic/utilities/cancellation); so is a cancel that crosses the response in transit.
    /// </summary>
    public void NoteCancelNotification(McpServer session, RequestId requestId, string owner, string? reason)
    {
        // Without a session (stdio; stateless HTTP) request ids are not unique: never cancel another owner's call.
        if (!_calls.TryGetValue((KeyOf(session), requestId), out var call) || call.Owner != owner) return;
        if (call.TryNoteCancelNotification(reason)) LogCancelNotified(requestId, call.JobId, reason);
    }

    /// <summary>
    /// True (once) when <paramref name="requestId"/> names a request of <paramref name="session"/> that the client
    /// cancelled while it ran: its response must not be sent.
    /// </summary>
    public bool TryTakeSuppressedResponse(McpServer session, RequestId requestId) =>
        _suppressed.TryRemove((KeyOf(session), requestId), out _);

    /// <summary>How many responses are held back now (for tests: none may be left once the sessions ended).</summary>
    internal int HeldBackCount => _suppressed.Count;

    internal void SuppressResponse(McpCall call) => _suppressed[(KeyOf(call.Session), call.RequestId)] = 0;

    internal void ForgetSuppressedResponse(McpCall call) => _suppressed.TryRemove((KeyOf(call.Session), call.RequestId), out _);

    /// <summary>Forgets what is held back for a session that ended; nothing more will be sent on it.</summary>
    public void ForgetSession(McpServer session)
    {
        var key = KeyOf(session);
        foreach (var entry in _suppressed.Keys.Where(entry => entry.Session == key)) _suppressed.TryRemove(entry, out _);
    }

    /// <summary>
    /// Cancels the jobs of a session's in-flight calls with <c>user_requested</c> and waits until those calls ended.
    /// </summary>
    public async Task CancelSessionAsync(McpServer session, string message)
    {
        var key = KeyOf(session);
        var calls = _calls.Where(entry => entry.Key.Session == key).Select(entry => entry.Value).ToList();
        if (calls.Count == 0) return;
        LogCancellingSession(calls.Count, message);
        foreach (var call in calls) await call.CancelJobAsync(_jobs, message).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(calls.Select(call => call.Done)).WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopWaitExceeded(calls.Count, StopWait);
        }
    }

    internal void Remove(McpCall call) =>
        _calls.TryRemove(new KeyValuePair<(string, RequestId), McpCall>((KeyOf(call.Session), call.RequestId), call));

    private static string KeyOf(McpServer session) => session.SessionId ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "The MCP client cancelled request {RequestId} (job {JobId}): {Reason}")]
    private partial void LogCancelNotified(RequestId requestId, string? jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "An MCP session ended with {Count} job(s) still running; cancelling them: {Message}")]
    private partial void LogCancellingSession(int count, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} cancelled job(s) of a closed MCP session did not stop within {Wait}")]
    private partial void LogStopWaitExceeded(int count, TimeSpan wait);
}

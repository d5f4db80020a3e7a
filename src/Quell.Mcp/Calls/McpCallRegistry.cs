using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Jobs;

namespace Quell.Mcp.Calls;

/// <summary>
/// Every in-flight job-running tool call of every session, so that a <c>notifications/cancelled</c> can leave its
/// reason with the call it names, and a session that ends can cancel the jobs its client left running.
/// </summary>
internal sealed partial class McpCallRegistry
{
    /// <summary>How long a closing session waits for its cancelled jobs to stop before it gives up waiting.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(60);

    // Keyed by session id, not by McpServer instance: the SDK hands each request handler its own wrapper of the
    // session. Stdio sessions have no id; one quell mcp process serves exactly one.
    private readonly ConcurrentDictionary<(string Session, RequestId Id), McpCall> _calls = new();
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
    /// Leaves the reason of a <c>notifications/cancelled</c> with the call it names. Unknown and finished request ids
    /// are ignored, as the specification allows (basic/utilities/cancellation).
    /// </summary>
    public void NoteCancelNotification(McpServer session, RequestId requestId, string? reason)
    {
        if (!_calls.TryGetValue((KeyOf(session), requestId), out var call)) return;
        call.NoteCancelNotification(reason);
        LogCancelNotified(requestId, call.JobId, reason);
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

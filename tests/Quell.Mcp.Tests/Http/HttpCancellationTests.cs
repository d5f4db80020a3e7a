using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Http;

// Logging is part of revision 2025-11-25, which Quell serves; the SDK marks it obsolete for a later draft.
#pragma warning disable MCP9005

/// <summary>
/// <c>notifications/cancelled</c> over stateful Streamable HTTP (<c>/mcp</c> of the real server): the SDK does not
/// cancel the request's token there, so Quell's call registry cancels the job and holds back the response.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed class HttpCancellationTests(BigCsvFixture big) : IAsyncLifetime
{
    private HttpQuellServer _server = null!;

    private object BigFile => new { paths = new[] { big.Path } };

    public async Task InitializeAsync() => _server = await HttpQuellServer.StartAsync();

    [Fact]
    public async Task A_cancel_notification_cancels_the_job_with_the_reason_keeps_partial_results_and_no_response_follows()
    {
        await using var session = await _server.ConnectAsync();
        var (requestId, call, abandon) = await StartBigAnalysisAsync(session);

        await SendCancelAsync(session, requestId, "http test: wrong file");

        var job = await session.WaitForTerminalAsync(await NewestJobIdAsync(session));
        Assert.True(job.GetProperty("status").GetString() == "cancelled", job.ToString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("http test: wrong file", job.GetProperty("cancellation").GetProperty("message").GetString());
        var partial = await session.CallJsonAsync("get_partial_results", new { id = job.GetProperty("id").GetString() });
        Assert.True(partial.GetProperty("completedItems").GetInt64() > 0, partial.ToString());
        // The server keeps answering on the same session.
        await session.Client.PingAsync().AsTask().WaitAsync(QuellMcpSession.Patience);
        Assert.True((await session.Client.ListToolsAsync()).Count >= 5);

        // Watched for a while after the job stopped: nothing for the cancelled request, ever.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(session.Tap.ReceivedResponseFor(requestId), "a response arrived for the cancelled request: "
            + string.Join("\n", session.Tap.Received.OfType<JsonRpcMessageWithId>().Where(m => m.Id == requestId).Select(m => JsonSerializer.Serialize<JsonRpcMessage>(m, McpJsonUtilities.DefaultOptions))));
        await QuellMcpSession.AssertEndsWithoutReplyAsync(call);
        await abandon.CancelAsync();
        abandon.Dispose();
    }

    [Fact]
    public async Task Cancels_of_unknown_and_finished_requests_change_nothing()
    {
        await using var session = await _server.ConnectAsync();
        var small = Path.Combine(_server.DataDirectory, "small.csv");
        await Quell.Csv.DemoCsv.WriteAsync(small, 100);
        var done = await session.CallJsonAsync("analyze_csv", new { paths = new[] { small } });
        var finishedId = session.Tap.LastToolCallId();

        await SendCancelAsync(session, finishedId, "too late");
        await SendCancelAsync(session, new RequestId("no-such-request"), "unknown");
        await SendCancelAsync(session, new RequestId(987654), "unknown");

        var again = await session.CallJsonAsync("analyze_csv", new { paths = new[] { small } });
        Assert.Equal(100, again.GetProperty("result").GetProperty("totalRows").GetInt64());
        var first = await session.CallJsonAsync("get_job", new { id = done.GetProperty("jobId").GetString() });
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.TryGetProperty("cancellation", out var c) ? c.ValueKind : JsonValueKind.Null);
    }

    [Fact]
    public async Task A_client_that_enabled_logging_gets_the_cancel_reason_as_a_log_notification_and_one_that_did_not_gets_none()
    {
        await using var listening = await _server.ConnectAsync();
        await using var silent = await _server.ConnectAsync();
        Assert.NotNull(listening.Client.ServerCapabilities.Logging);
        await listening.Client.SetLoggingLevelAsync(LoggingLevel.Info);
        var logged = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = listening.Client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (n, _) =>
        {
            logged.TrySetResult(JsonSerializer.SerializeToElement(n.Params));
            return ValueTask.CompletedTask;
        });

        var (listeningId, _, abandonListening) = await StartBigAnalysisAsync(listening);
        await SendCancelAsync(listening, listeningId, "log me");
        var (silentId, _, abandonSilent) = await StartBigAnalysisAsync(silent);
        await SendCancelAsync(silent, silentId, "keep quiet");

        var message = await logged.Task.WaitAsync(QuellMcpSession.Patience);
        Assert.Equal("notice", message.GetProperty("level").GetString());
        Assert.Equal("quell", message.GetProperty("logger").GetString());
        var data = message.GetProperty("data");
        Assert.Equal("log me", data.GetProperty("message").GetString());
        Assert.Equal("user_requested", data.GetProperty("reason").GetString());
        Assert.Equal("cancelled", data.GetProperty("status").GetString());
        var jobId = data.GetProperty("jobId").GetString()!;
        Assert.Equal("log me", (await listening.CallJsonAsync("get_job", new { id = jobId })).GetProperty("cancellation").GetProperty("message").GetString());

        // The silent client's job stops too (so its log notification would have been sent by now), but it gets none.
        var silentJob = await silent.WaitForTerminalAsync(await NewestJobIdAsync(silent));
        Assert.Equal("keep quiet", silentJob.GetProperty("cancellation").GetProperty("message").GetString());
        await Task.Delay(500);
        Assert.DoesNotContain(silent.Tap.Received.OfType<JsonRpcNotification>(), n => n.Method == NotificationMethods.LoggingMessageNotification);
        foreach (var abandon in new[] { abandonListening, abandonSilent })
        {
            await abandon.CancelAsync();
            abandon.Dispose();
        }
    }

    [Fact]
    public async Task Deleting_the_session_cancels_its_in_flight_calls_jobs_as_client_disconnected_and_leaves_other_sessions_alone()
    {
        await using var leaving = await _server.ConnectAsync();
        await using var staying = await _server.ConnectAsync();
        var (_, _, abandonLeaving) = await StartBigAnalysisAsync(leaving);
        var leavingJob = await NewestJobIdAsync(leaving);
        var (_, stayingCall, abandonStaying) = await StartBigAnalysisAsync(staying);
        var stayingJob = await NewestJobIdAsync(staying);
        Assert.NotEqual(leavingJob, stayingJob);

        // The client goes away as the transport says it does: DELETE with its session id.
        using var http = new HttpClient();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, _server.McpEndpoint);
        delete.Headers.Add("Mcp-Session-Id", leaving.Client.SessionId);
        delete.Headers.Add("MCP-Protocol-Version", QuellMcpSession.ProtocolVersion);
        using (var response = await http.SendAsync(delete)) Assert.True(response.IsSuccessStatusCode, $"DELETE answered {response.StatusCode}");

        var job = await staying.WaitForTerminalAsync(leavingJob);
        Assert.True(job.GetProperty("status").GetString() == "cancelled", job.ToString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("client disconnected", job.GetProperty("cancellation").GetProperty("message").GetString());
        var partial = await staying.CallJsonAsync("get_partial_results", new { id = leavingJob });
        Assert.True(partial.GetProperty("completedItems").GetInt64() > 0, partial.ToString());

        // The other session's call was not touched: still running (or, on a fast machine, done), not cancelled.
        var other = await staying.CallJsonAsync("get_job", new { id = stayingJob });
        Assert.True(other.GetProperty("status").GetString() is "running" or "completed", other.ToString());
        Assert.False(stayingCall.IsFaulted || stayingCall.IsCanceled, "the staying session's call ended with an error");
        await staying.CallJsonAsync("cancel_job", new { id = stayingJob, message = "test over" });
        foreach (var abandon in new[] { abandonLeaving, abandonStaying }) abandon.Dispose();
    }

    /// <summary>Starts <c>analyze_csv</c> on the big file with the SDK client and waits for its first progress.</summary>
    private async Task<(RequestId RequestId, Task<CallToolResult> Call, CancellationTokenSource Abandon)> StartBigAnalysisAsync(QuellMcpSession session)
    {
        var progress = new FirstProgress(above: 0);
        // The SDK's client sends no notifications/cancelled when this fires; it only stops waiting.
        var abandon = new CancellationTokenSource();
        var call = session.Client.CallToolAsync("analyze_csv", QuellMcpSession.ToArguments(BigFile), progress, cancellationToken: abandon.Token).AsTask();
        await progress.First.WaitAsync(QuellMcpSession.Patience);
        return (session.Tap.LastToolCallId(), call, abandon);
    }

    private static Task SendCancelAsync(QuellMcpSession session, RequestId requestId, string reason) =>
        session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = requestId, Reason = reason }, McpJsonUtilities.DefaultOptions);

    private static async Task<string> NewestJobIdAsync(QuellMcpSession session) =>
        (await session.CallJsonAsync("list_jobs", new { limit = 1 })).GetProperty("items")[0].GetProperty("id").GetString()!;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}

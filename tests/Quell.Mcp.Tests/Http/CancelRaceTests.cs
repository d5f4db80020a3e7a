using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Calls;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Http;

/// <summary>
/// A cancel that crosses the end of a short job, many times over an HTTP session: whatever the timing, the call ends
/// soon (a response, or no reply), a response only ever carries a completed job, and nothing is left held back once
/// the session is gone. (The SDK's client cancels its own pending request when a cancel goes out through it, so it
/// may stop waiting before the server ends the POST.)
/// </summary>
public sealed class CancelRaceTests : IAsyncLifetime
{
    private const int Iterations = 40;
    private HttpQuellServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpQuellServer.StartAsync();

    [Fact]
    public async Task A_cancel_crossing_the_result_is_harmless_every_time()
    {
        var answered = 0;
        var heldBack = 0;
        await using (var session = await _server.ConnectAsync())
        {
            for (var i = 0; i < Iterations; i++)
            {
                var jobsBefore = await CountJobsAsync(session);
                var sent = ToolCallsSent(session);
                var call = session.CallAsync(CountJob.ToolName, new { steps = 3, delayMs = 5 });
                await WaitForCallSentAsync(session, sent + 1);
                var requestId = session.Tap.LastToolCallId();
                await Task.Delay(i % 25); // from at once to after the job's end (about 15 ms of steps)
                await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
                    new CancelledNotificationParams { RequestId = requestId, Reason = $"race {i}" }, McpJsonUtilities.DefaultOptions);

                string? jobId = null;
                try
                {
                    var result = await call.WaitAsync(QuellMcpSession.Patience);
                    answered++;
                    Assert.True(result.IsError is not true, $"iteration {i}: {QuellMcpSession.Text(result)}");
                    jobId = result.StructuredContent!.Value.GetProperty("jobId").GetString();
                    Assert.Equal("completed", result.StructuredContent!.Value.GetProperty("status").GetString());
                }
                catch (OperationCanceledException)
                {
                    // The SDK's client stopped waiting when we sent the cancel. The server's answer may still have
                    // crossed it on the wire, as it may, arriving now or a moment later: an answer must carry the
                    // completed job. Cancelled before its job was submitted, there is no job.
                    if (await CountJobsAsync(session) > jobsBefore) jobId = await NewestJobIdAsync(session);
                    if (jobId is not null) await session.WaitForTerminalAsync(jobId);
                    if (session.Tap.ReceivedResponseFor(requestId))
                    {
                        answered++;
                        var response = session.Tap.Received.OfType<JsonRpcResponse>().Single(r => r.Id == requestId);
                        var result = response.Result.Deserialize<CallToolResult>(McpJsonUtilities.DefaultOptions)!;
                        Assert.True(result.IsError is not true, $"iteration {i}: {QuellMcpSession.Text(result)}");
                        Assert.Equal(jobId, result.StructuredContent!.Value.GetProperty("jobId").GetString());
                        Assert.Equal("completed", result.StructuredContent!.Value.GetProperty("status").GetString());
                    }
                    else
                    {
                        heldBack++;
                    }
                }
                catch (McpException e) when (e.Message.Contains("without a reply", StringComparison.Ordinal))
                {
                    // The server ended the POST without a reply: it held the response back, for good.
                    heldBack++;
                    Assert.False(session.Tap.ReceivedResponseFor(requestId), $"iteration {i}: held back, yet answered");
                    if (await CountJobsAsync(session) > jobsBefore) jobId = await NewestJobIdAsync(session);
                }
                if (jobId is null) continue;
                var job = await session.WaitForTerminalAsync(jobId);
                Assert.True(job.GetProperty("status").GetString() is "completed" or "cancelled", $"iteration {i}: {job}");
            }
        }
        Assert.Equal(Iterations, answered + heldBack);

        // The session is gone (DELETE): nothing may stay held back for it.
        var calls = _server.Services.GetRequiredService<McpCallRegistry>();
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
        while (calls.HeldBackCount > 0) await Task.Delay(50, timeout.Token);
    }

    private static async Task<long> CountJobsAsync(QuellMcpSession session) =>
        (await session.CallJsonAsync("list_jobs", new { type = CountJob.JobType, limit = 1 })).GetProperty("total").GetInt64();

    private static async Task<string> NewestJobIdAsync(QuellMcpSession session) =>
        (await session.CallJsonAsync("list_jobs", new { type = CountJob.JobType, limit = 1 })).GetProperty("items")[0].GetProperty("id").GetString()!;

    private static int ToolCallsSent(QuellMcpSession session) =>
        session.Tap.Sent.OfType<JsonRpcRequest>().Count(r => r.Method == RequestMethods.ToolsCall);

    private static async Task WaitForCallSentAsync(QuellMcpSession session, int count)
    {
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
        while (ToolCallsSent(session) < count) await Task.Delay(1, timeout.Token);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}

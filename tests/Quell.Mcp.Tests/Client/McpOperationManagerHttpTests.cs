using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Client;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Client;

/// <summary>
/// <see cref="McpOperationManager"/> against <c>/mcp</c> of the real server over Streamable HTTP. The SDK's client
/// sends no <c>notifications/cancelled</c> over HTTP; the manager sends it, and the server stops the job.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed class McpOperationManagerHttpTests(BigCsvFixture big) : IAsyncLifetime
{
    private HttpQuellServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpQuellServer.StartAsync();

    [Fact]
    public async Task Progress_rises_and_the_response_completes_the_operation()
    {
        await using var session = await _server.ConnectAsync();
        await using var manager = new McpOperationManager(session.Client);

        var operation = manager.Start(CountJob.ToolName, JsonSerializer.SerializeToElement(new { steps = 40, delayMs = 20 }));
        await operation.Completion.WaitAsync(QuellMcpSession.Patience);

        Assert.Equal(McpOperationStatus.Completed, operation.Status);
        Assert.Equal(40, operation.Result!.StructuredContent!.Value.GetProperty("result").GetProperty("counted").GetInt32());
        // The SDK's client may hand the manager the last notifications late or not at all; the wire has them all.
        Assert.True(operation.Progress!.Progress > 0);
        Assert.Equal(100, session.Tap.Progress()[^1].Progress);
        Assert.Equal(operation.RequestId, session.Tap.LastToolCallId());
    }

    [Fact]
    public async Task Cancel_with_a_reason_stops_the_job_as_user_requested_with_that_reason_and_no_response_comes()
    {
        await using var session = await _server.ConnectAsync();
        await using var manager = new McpOperationManager(session.Client);
        var progress = new FirstProgress();
        var operation = manager.Start("analyze_csv", JsonSerializer.SerializeToElement(new { paths = new[] { big.Path } }), progress);
        await progress.First.WaitAsync(QuellMcpSession.Patience);

        Assert.True(await operation.CancelAsync("over http, says the manager"));

        Assert.Equal(McpOperationStatus.Cancelled, operation.Status);
        var job = await session.WaitForTerminalAsync(await NewestJobIdAsync(session));
        Assert.True(job.GetProperty("status").GetString() == "cancelled", job.ToString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("over http, says the manager", job.GetProperty("cancellation").GetProperty("message").GetString());
        Assert.Contains(session.Tap.Sent.OfType<JsonRpcNotification>(), n => n.Method == NotificationMethods.CancelledNotification
            && n.Params.Deserialize<CancelledNotificationParams>(McpJsonUtilities.DefaultOptions)!.RequestId == operation.RequestId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(session.Tap.ReceivedResponseFor(operation.RequestId));
        Assert.Equal(McpOperationStatus.Cancelled, operation.Status);
    }

    [Fact]
    public async Task The_hard_maximum_times_the_call_out_and_the_server_records_the_timeout_reason()
    {
        var time = new FakeTimeProvider();
        await using var session = await _server.ConnectAsync();
        await using var manager = new McpOperationManager(session.Client, time);
        var progress = new FirstProgress();
        var operation = manager.Start(CountJob.ToolName, JsonSerializer.SerializeToElement(new { steps = 100_000, delayMs = 5 }), progress,
            new McpOperationOptions { MaxDuration = TimeSpan.FromSeconds(30) });
        await progress.First.WaitAsync(QuellMcpSession.Patience);

        time.Advance(TimeSpan.FromSeconds(30));
        await operation.Completion.WaitAsync(QuellMcpSession.Patience);

        Assert.Equal(McpOperationStatus.TimedOut, operation.Status);
        var job = await session.WaitForTerminalAsync(await NewestJobIdAsync(session));
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.StartsWith("timeout", job.GetProperty("cancellation").GetProperty("message").GetString());
    }

    private static async Task<string> NewestJobIdAsync(QuellMcpSession session) =>
        (await session.CallJsonAsync("list_jobs", new { limit = 1 })).GetProperty("items")[0].GetProperty("id").GetString()!;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}

using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Stdio;

/// <summary>Progress and cancellation of a long <c>analyze_csv</c> over stdio.</summary>
[Collection(BigCsvCollection.Name)]
public sealed class StdioLongJobTests(BigCsvFixture big) : IDisposable
{
    private readonly TempDirectory _data = new();

    private object Arguments => new { paths = new[] { big.Path } };

    [Fact]
    public async Task A_long_analysis_sends_increasing_progress_and_a_final_one_at_completion()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        var reported = new List<ProgressNotificationValue>();
        var progress = new SynchronousProgress(reported);

        var result = await session.Client.CallToolAsync("analyze_csv", QuellMcpSession.ToArguments(Arguments), progress,
            cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);

        Assert.True(result.IsError is not true, QuellMcpSession.Text(result));
        Assert.Equal(BigCsvFixture.Rows, result.StructuredContent!.Value.GetProperty("result").GetProperty("totalRows").GetInt64());
        var wire = session.Tap.Progress();
        Assert.True(wire.Count >= 3, $"only {wire.Count} progress notifications");
        for (var i = 1; i < wire.Count; i++)
        {
            Assert.True(wire[i].Progress > wire[i - 1].Progress, $"progress went from {wire[i - 1].Progress} to {wire[i].Progress}");
        }
        Assert.All(wire, p => Assert.Equal(100f, p.Total));
        Assert.Equal(100f, wire[^1].Progress);
        Assert.All(wire.SkipLast(1), p => Assert.True(p.Progress < 100f));
        Assert.Contains(wire, p => p.Message is { Length: > 0 });
        Assert.NotEmpty(reported);
    }

    [Fact]
    public async Task Cancelling_the_call_cancels_the_job_keeps_partial_results_and_the_server_keeps_answering()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        using var cancel = new CancellationTokenSource();
        var progress = new FirstProgress(above: 0);

        var call = session.Client.CallToolAsync("analyze_csv", QuellMcpSession.ToArguments(Arguments), progress, cancellationToken: cancel.Token).AsTask();
        await progress.First.WaitAsync(QuellMcpSession.Patience);
        var requestId = session.Tap.LastToolCallId();
        await cancel.CancelAsync();
        // Whether the SDK's client sends notifications/cancelled when the token fires depends on timing (it registers
        // for that only once the request is written); send one without a reason too. Either way the job's message is
        // the default one, and a second cancel of the same request changes nothing.
        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = requestId });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var job = await session.WaitForTerminalAsync(await NewestJobIdAsync(session));
        Assert.True(job.GetProperty("status").GetString() == "cancelled", $"{job}\n{session.StderrText}");
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("Cancelled by the MCP client", job.GetProperty("cancellation").GetProperty("message").GetString());
        await AssertPartialResultsAsync(session, job);

        await session.Client.PingAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6, (await session.Client.ListToolsAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Count);
        Assert.False(session.Tap.ReceivedResponseFor(requestId), "the server answered a cancelled request");
    }

    [Fact]
    public async Task The_clients_cancel_reason_becomes_the_jobs_cancel_message_and_stale_cancels_change_nothing()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        using var abandon = new CancellationTokenSource();
        var progress = new FirstProgress(above: 0);

        var call = session.Client.CallToolAsync("analyze_csv", QuellMcpSession.ToArguments(Arguments), progress, cancellationToken: abandon.Token).AsTask();
        await progress.First.WaitAsync(QuellMcpSession.Patience);
        var requestId = session.Tap.LastToolCallId();
        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = requestId, Reason = "wrong file" });

        var job = await session.WaitForTerminalAsync(await NewestJobIdAsync(session));
        Assert.True(job.GetProperty("status").GetString() == "cancelled", $"{job}\n{session.StderrText}");
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("wrong file", job.GetProperty("cancellation").GetProperty("message").GetString());
        await AssertPartialResultsAsync(session, job);

        // Now finished on the server: the client's own cancel, and one for an id never used, are ignored.
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = new RequestId("never-sent"), Reason = "nothing" });
        await session.Client.PingAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("cancelled", (await session.CallJsonAsync("get_job", new { id = job.GetProperty("id").GetString() })).GetProperty("status").GetString());
        Assert.False(session.Tap.ReceivedResponseFor(requestId), "the server answered a cancelled request");
    }

    [Fact]
    public async Task A_client_that_disconnects_has_its_running_job_cancelled()
    {
        string jobId;
        await using (var session = await QuellMcpSession.StartStdioAsync(_data.Path))
        {
            var progress = new FirstProgress(above: 0);
            _ = session.Client.CallToolAsync("analyze_csv", QuellMcpSession.ToArguments(Arguments), progress).AsTask();
            await progress.First.WaitAsync(QuellMcpSession.Patience);
            jobId = await NewestJobIdAsync(session);
        } // closes stdin; quell mcp cancels the job, waits for it to stop, and exits

        var job = await QuellProcess.RunJsonAsync("jobs", "show", jobId, "--data", _data.Path, "--json");
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("client disconnected", job.GetProperty("cancellation").GetProperty("message").GetString());
    }

    private static async Task<string> NewestJobIdAsync(QuellMcpSession session)
    {
        var page = await session.CallJsonAsync("list_jobs", new { limit = 1 });
        return page.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    private static async Task AssertPartialResultsAsync(QuellMcpSession session, JsonElement job)
    {
        var partial = await session.CallJsonAsync("get_partial_results", new { id = job.GetProperty("id").GetString() });
        Assert.Equal("partial", partial.GetProperty("status").GetString());
        Assert.True(partial.GetProperty("completedItems").GetInt64() > 0);
    }

    public void Dispose() => _data.Dispose();

    private sealed class SynchronousProgress(List<ProgressNotificationValue> values) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (values) values.Add(value);
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Client;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Client;

/// <summary><see cref="McpOperationManager"/> against the real <c>quell mcp</c> child process.</summary>
[Collection(BigCsvCollection.Name)]
public sealed class McpOperationManagerTests(BigCsvFixture big) : IDisposable
{
    private readonly TempDirectory _data = new();

    private JsonElement Arguments => JsonSerializer.SerializeToElement(new { paths = new[] { big.Path } });

    [Fact]
    public async Task Progress_rises_and_the_response_completes_the_operation()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await using var manager = new McpOperationManager(session.Client);
        var seen = new Recorded();

        var operation = manager.Start("analyze_csv", Arguments, seen);
        await operation.Completion.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(McpOperationStatus.Completed, operation.Status);
        Assert.Equal(BigCsvFixture.Rows, operation.Result!.StructuredContent!.Value.GetProperty("result").GetProperty("totalRows").GetInt64());
        var values = seen.Values;
        Assert.True(values.Count >= 2, $"only {values.Count} progress reports");
        for (var i = 1; i < values.Count; i++) Assert.True(values[i].Progress > values[i - 1].Progress);
        Assert.Equal(values[^1].Progress, operation.Progress!.Progress);
        // The request went out under the manager's own id, which is also its progress token.
        Assert.Equal(operation.RequestId, session.Tap.LastToolCallId());
        Assert.Same(operation, manager.Find(operation.RequestId));
    }

    [Fact]
    public async Task Cancel_with_a_reason_cancels_the_job_as_user_requested_with_that_reason()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await using var manager = new McpOperationManager(session.Client);
        var progress = new FirstProgress();
        var operation = manager.Start("analyze_csv", Arguments, progress);
        await progress.First.WaitAsync(QuellMcpSession.Patience);

        Assert.True(await operation.CancelAsync("wrong file, says the manager"));

        Assert.Equal(McpOperationStatus.Cancelled, operation.Status);
        Assert.True(operation.Completion.IsCompleted);
        Assert.False(await operation.CancelAsync("again"), "a second cancel must be a no-op");
        var job = await session.WaitForTerminalAsync(await NewestJobIdsAsync(session, 1).ContinueWith(t => t.Result[0]));
        Assert.True(job.GetProperty("status").GetString() == "cancelled", $"{job}\n{session.StderrText}");
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("wrong file, says the manager", job.GetProperty("cancellation").GetProperty("message").GetString());
        AssertCancelSent(session, operation.RequestId, "wrong file, says the manager");
        Assert.False(session.Tap.ReceivedResponseFor(operation.RequestId));
    }

    [Fact]
    public async Task Progress_rearms_the_idle_timeout_and_silence_times_the_call_out()
    {
        var time = new FakeTimeProvider();
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await using var manager = new McpOperationManager(session.Client, time);
        var progress = new CountingProgress();
        var operation = manager.Start("analyze_csv", Arguments, progress, new McpOperationOptions { IdleTimeout = TimeSpan.FromSeconds(10) });
        await progress.WaitForAsync(1);

        time.Advance(TimeSpan.FromSeconds(9));
        await progress.WaitForAsync(progress.Count + 1); // progress re-arms the idle clock: 9 s more are not 10 s of silence
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(McpOperationStatus.Running, operation.Status);

        time.Advance(TimeSpan.FromSeconds(10)); // in one step: 10 s without a re-arm, whatever arrived before
        await operation.Completion.WaitAsync(QuellMcpSession.Patience);

        Assert.Equal(McpOperationStatus.TimedOut, operation.Status);
        Assert.StartsWith("timeout", operation.CancellationReason);
        await AssertJobTimedOutAsync(session, operation);
    }

    [Fact]
    public async Task The_hard_maximum_times_the_call_out_despite_progress()
    {
        var time = new FakeTimeProvider();
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await using var manager = new McpOperationManager(session.Client, time);
        var progress = new CountingProgress();
        var options = new McpOperationOptions { IdleTimeout = TimeSpan.FromSeconds(10), MaxDuration = TimeSpan.FromSeconds(15) };
        var operation = manager.Start("analyze_csv", Arguments, progress, options);
        await progress.WaitForAsync(1);

        time.Advance(TimeSpan.FromSeconds(8));
        await progress.WaitForAsync(progress.Count + 1);
        time.Advance(TimeSpan.FromSeconds(7));
        await operation.Completion.WaitAsync(QuellMcpSession.Patience);

        Assert.Equal(McpOperationStatus.TimedOut, operation.Status);
        Assert.Contains("still running after 15 s", operation.CancellationReason);
        await AssertJobTimedOutAsync(session, operation);
    }

    [Fact]
    public async Task Cancel_all_cancels_every_running_call_and_leaves_finished_ones_alone()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await using var manager = new McpOperationManager(session.Client);
        var quick = manager.Start("list_jobs", JsonSerializer.SerializeToElement(new { limit = 1 }));
        await quick.Completion.WaitAsync(QuellMcpSession.Patience);
        var first = new FirstProgress();
        var second = new FirstProgress();
        var a = manager.Start("analyze_csv", Arguments, first);
        var b = manager.Start("analyze_csv", Arguments, second);
        await Task.WhenAll(first.First, second.First).WaitAsync(QuellMcpSession.Patience);

        Assert.Equal(2, await manager.CancelAllAsync("stop everything"));

        Assert.Equal(McpOperationStatus.Completed, quick.Status);
        Assert.All(new[] { a, b }, o => Assert.Equal(McpOperationStatus.Cancelled, o.Status));
        Assert.Equal(3, manager.Operations.Count);
        foreach (var id in await NewestJobIdsAsync(session, 2))
        {
            var job = await session.WaitForTerminalAsync(id);
            Assert.Equal("cancelled", job.GetProperty("status").GetString());
            Assert.Equal("stop everything", job.GetProperty("cancellation").GetProperty("message").GetString());
        }
    }

    private static async Task AssertJobTimedOutAsync(QuellMcpSession session, McpOperation operation)
    {
        var job = await session.WaitForTerminalAsync((await NewestJobIdsAsync(session, 1))[0]);
        Assert.True(job.GetProperty("status").GetString() == "cancelled", $"{job}\n{session.StderrText}");
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.StartsWith("timeout", job.GetProperty("cancellation").GetProperty("message").GetString());
        AssertCancelSent(session, operation.RequestId, operation.CancellationReason!);
    }

    private static void AssertCancelSent(QuellMcpSession session, RequestId requestId, string reason)
    {
        var cancels = session.Tap.Sent.OfType<JsonRpcNotification>()
            .Where(n => n.Method == NotificationMethods.CancelledNotification)
            .Select(n => n.Params.Deserialize<CancelledNotificationParams>(McpJsonUtilities.DefaultOptions)!)
            .ToList();
        Assert.Contains(cancels, c => c.RequestId == requestId && c.Reason == reason);
    }

    private static async Task<string[]> NewestJobIdsAsync(QuellMcpSession session, int count)
    {
        var page = await session.CallJsonAsync("list_jobs", new { limit = count });
        return [.. page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];
    }

    public void Dispose() => _data.Dispose();

    private sealed class Recorded : IProgress<ProgressNotificationValue>
    {
        private readonly List<ProgressNotificationValue> _values = [];

        public List<ProgressNotificationValue> Values
        {
            get
            {
                lock (_values) return [.. _values];
            }
        }

        public void Report(ProgressNotificationValue value)
        {
            lock (_values) _values.Add(value);
        }
    }

    private sealed class CountingProgress : IProgress<ProgressNotificationValue>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Report(ProgressNotificationValue value) => Interlocked.Increment(ref _count);

        public async Task WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
            while (Count < count) await Task.Delay(10, timeout.Token);
        }
    }
}

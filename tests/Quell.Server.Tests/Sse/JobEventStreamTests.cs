using System.Text.Json;
using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Sse;

public sealed class JobEventStreamTests
{
    [Fact]
    public async Task The_stream_lists_a_cancelled_jobs_events_in_order_and_ends_after_the_terminal_event()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });
        var liveProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = SseReader.ReadAllAsync(client, $"/api/jobs/{job.Id()}/events", onFrame: frame =>
        {
            if (frame.Id is null && frame.Event == "job.progress") liveProgress.TrySetResult();
        });
        await client.WaitUntilProgressingAsync(job.Id());
        await liveProgress.Task.WaitAsync(RunningServer.Patience);

        await client.PostAsync($"/api/jobs/{job.Id()}/cancel", SubmitJobTests.Json("""{"message":"enough"}"""));
        var frames = await stream; // ends on its own after job.cancelled, or the reader times out

        var stored = frames.Where(f => f.Id is not null).ToList();
        AssertInOrder(stored.Select(f => f.Event!).ToList(),
            "job.created", "job.started", "job.progress", "job.cancel.requested", "job.cancelling", "job.cancelled");
        Assert.Equal("job.cancelled", frames[^1].Event);
        var ids = stored.Select(f => long.Parse(f.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var frame in frames)
        {
            var data = JsonSerializer.Deserialize<JsonElement>(frame.Data);
            Assert.Equal(job.Id(), data.GetProperty("jobId").GetString());
            Assert.Equal(frame.Event, data.GetProperty("type").GetString());
            Assert.Equal(frame.Id ?? "0", data.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(data.TryGetProperty("time", out _));
            Assert.True(data.TryGetProperty("data", out _));
        }
        // Live progress between persisted ones has no id, so a reconnect never resumes from it.
        Assert.All(frames.Where(f => f.Id is null), f => Assert.Equal("job.progress", f.Event));
        var cancelled = JsonSerializer.Deserialize<JsonElement>(frames[^1].Data).GetProperty("data");
        Assert.Equal("user_requested", cancelled.GetProperty("reason").GetString());
        Assert.Equal("enough", cancelled.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_sends_only_later_events()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 5, delayMs = 1 });
        await client.WaitForStatusAsync(job.Id(), "completed");
        var all = await SseReader.ReadAllAsync(client, $"/api/jobs/{job.Id()}/events");
        Assert.Equal("job.created", all[0].Event);
        Assert.Equal("job.completed", all[^1].Event);
        var resumeAfter = all[1].Id!;

        var byHeader = await SseReader.ReadAllAsync(client, $"/api/jobs/{job.Id()}/events", lastEventId: resumeAfter);
        var byQuery = await SseReader.ReadAllAsync(client, $"/api/jobs/{job.Id()}/events?lastEventId={resumeAfter}");

        var expected = all.Skip(2).Select(f => f.Id).ToList();
        Assert.Equal(expected, byHeader.Select(f => f.Id).ToList());
        Assert.Equal(expected, byQuery.Select(f => f.Id).ToList());
    }

    private static void AssertInOrder(IReadOnlyList<string> actual, params string[] expected)
    {
        var at = 0;
        foreach (var type in actual)
        {
            if (at < expected.Length && type == expected[at]) at++;
        }
        Assert.True(at == expected.Length,
            $"Expected {string.Join(", ", expected)} in order within: {string.Join(", ", actual)}");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

public sealed class AguiRoutesTests
{
    private static object Input(string runId, object? state = null) => new
    {
        threadId = "thread-1", runId, state = state ?? new { topic = "battery" },
        messages = Array.Empty<object>(), tools = Array.Empty<object>(), context = Array.Empty<object>(), forwardedProps = new { },
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string workflowId, object input) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/agui/{workflowId}") { Content = JsonContent.Create(input) },
            HttpCompletionOption.ResponseHeadersRead);

    [Fact]
    public async Task A_RunAgentInput_starts_the_run_with_its_ids_and_state_and_streams_it_to_RUN_FINISHED()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        using var response = await PostAsync(client, TestWorkflows.ReviewId, Input("agui-1"));
        var events = await AguiStreamReader.ReadAsync(response);

        AguiStreamReader.AssertWellFormed(events);
        Assert.Equal("thread-1", events[0].GetProperty("threadId").GetString());
        Assert.Equal("agui-1", events[0].GetProperty("runId").GetString());
        Assert.Equal("RUN_FINISHED", events[^1].Type());
        Assert.Contains(events, e => e.Type() == "TEXT_MESSAGE_CONTENT");
        Assert.Contains(events, e => e.Type() == "STEP_STARTED" && e.GetProperty("stepName").GetString()!.Contains("draft", StringComparison.Ordinal));
        var run = await client.GetRunAsync("agui-1");
        Assert.Equal("success", run.GetProperty("outcome").GetString());
        Assert.Equal("battery", run.GetProperty("variables").GetProperty("topic").GetString());
    }

    [Fact]
    public async Task An_element_cancel_during_the_stream_shows_as_CUSTOM_task_cancelled_and_the_stream_still_finishes()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        using var response = await PostAsync(client, TestWorkflows.ReviewId, Input("agui-2"));
        var cancelled = false;
        var draftStarted = false;
        var events = await AguiStreamReader.ReadAsync(response, e =>
        {
            // Only once draft runs: content streamed before that is quick's, and draft would not be running yet.
            if (e.Type() == "STEP_STARTED" && e.GetProperty("stepName").GetString() == "draft") draftStarted = true;
            if (draftStarted && !cancelled && e.Type() == "TEXT_MESSAGE_CONTENT")
            {
                cancelled = true;
                // Not awaited inside the reader's callback: the request goes out while frames keep arriving.
                _ = client.CancelElementAsync("agui-2", "draft");
            }
            return false;
        });

        AguiStreamReader.AssertWellFormed(events);
        Assert.Contains(events, e => e.Type() == "CUSTOM" && e.GetProperty("name").GetString() == "task.cancelled");
        Assert.Equal("RUN_FINISHED", events[^1].Type());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_not_a_stream()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        await ProblemAssert.IsProblemAsync(await PostAsync(client, TestWorkflows.ReviewId, new { threadId = "t" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostAsync(client, TestWorkflows.ReviewId, Input("r-1", state: 42)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostAsync(client, TestWorkflows.ReviewId, Input("bad id!")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/api/agui/{TestWorkflows.ReviewId}", TestWorkflows.Body("{not json", "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostAsync(client, "nope", Input("r-2")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Re_attaching_mid_run_gives_snapshots_then_only_later_events_and_a_disconnect_does_not_cancel_the_run()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        // The first client leaves after the first chunk of text.
        using (var first = await PostAsync(client, TestWorkflows.ReviewId, Input("agui-3")))
        {
            await AguiStreamReader.ReadAsync(first, e => e.Type() == "TEXT_MESSAGE_CONTENT");
        }
        await client.WaitUntilStreamingAsync("agui-3", "draft");

        using var again = await client.GetAsync("/api/runs/agui-3/agui", HttpCompletionOption.ResponseHeadersRead);
        var events = await AguiStreamReader.ReadAsync(again);

        Assert.Equal(["RUN_STARTED", "MESSAGES_SNAPSHOT", "STATE_SNAPSHOT"], events.Take(3).Select(e => e.Type()));
        Assert.Equal("agui-3", events[0].GetProperty("runId").GetString());
        Assert.Equal("thread-1", events[0].GetProperty("threadId").GetString());
        AguiStreamReader.AssertWellFormed(events);
        Assert.Equal("RUN_FINISHED", events[^1].Type());
        Assert.Single(events, e => e.Type() == "RUN_STARTED");
        var run = await client.WaitForEndAsync("agui-3");
        Assert.Equal("success", run.GetProperty("outcome").GetString());

        // After the end, a re-attach is the snapshot and the end alone.
        using var late = await client.GetAsync("/api/runs/agui-3/agui", HttpCompletionOption.ResponseHeadersRead);
        var ended = await AguiStreamReader.ReadAsync(late);
        Assert.Equal(["RUN_STARTED", "MESSAGES_SNAPSHOT", "STATE_SNAPSHOT", "RUN_FINISHED"], ended.Select(e => e.Type()));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quell.Server.Auth;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

public sealed class RunRoutesTests
{
    [Fact]
    public async Task A_run_goes_from_202_to_a_finished_view_with_every_element_and_its_message()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        var started = await client.StartRunAsync(TestWorkflows.ReviewId, new { variables = new { topic = "battery" }, runId = "run-1" });
        Assert.Equal("run-1", started.GetProperty("runId").GetString());

        var run = await client.WaitForEndAsync("run-1");
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("success", run.GetProperty("outcome").GetString());
        Assert.Equal("review", run.GetProperty("workflowId").GetString());
        Assert.Equal("battery", run.GetProperty("variables").GetProperty("topic").GetString());
        foreach (var id in new[] { "quick", "draft", "hold" }) Assert.Equal("completed", run.ElementStatus(id));
        Assert.Null(run.Element("fallback"));
        var draft = run.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("elementId").GetString() == "draft");
        Assert.Equal("complete", draft.GetProperty("status").GetString());
        Assert.EndsWith("word60", draft.GetProperty("content").GetString()!.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_streaming_task_is_202_the_gateway_takes_the_fallback_and_the_run_fails()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);
        var runId = (await client.StartRunAsync(TestWorkflows.ReviewId)).GetProperty("runId").GetString()!;
        await client.WaitUntilStreamingAsync(runId, "draft");

        using var response = await client.CancelElementAsync(runId, "draft", "enough");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.Equal("requested", accepted.GetProperty("outcome").GetString());
        Assert.Equal("draft", accepted.GetProperty("element").GetProperty("elementId").GetString());

        var run = await client.WaitForEndAsync(runId);
        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Equal("cancelled", run.ElementStatus("draft"));
        Assert.Equal("completed", run.ElementStatus("fallback"));
        Assert.Equal("completed", run.ElementStatus("hold"));
        var partial = run.Element("draft")!.Value.GetProperty("partialResult");
        Assert.Equal(JsonValueKind.Object, partial.ValueKind);
        var message = run.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("elementId").GetString() == "draft");
        Assert.Equal("cancelled", message.GetProperty("status").GetString());
        Assert.DoesNotContain("word60", message.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_element_cancels_are_409_with_seed_001s_messages_and_404_for_an_unknown_run()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);
        var runId = (await client.StartRunAsync(TestWorkflows.ReviewId)).GetProperty("runId").GetString()!;
        // quick has completed once hold streams; hold runs and is not cancellable; fallback has not started.
        await client.WaitUntilStreamingAsync(runId, "hold");

        var completed = await ProblemAssert.IsProblemAsync(await client.CancelElementAsync(runId, "quick"), HttpStatusCode.Conflict);
        Assert.Equal("Task already completed", completed.GetProperty("detail").GetString());
        Assert.Equal("quick", completed.GetProperty("elementId").GetString());
        var notCancellable = await ProblemAssert.IsProblemAsync(await client.CancelElementAsync(runId, "hold"), HttpStatusCode.Conflict);
        Assert.Equal("Task is not cancellable", notCancellable.GetProperty("detail").GetString());
        var notStarted = await ProblemAssert.IsProblemAsync(await client.CancelElementAsync(runId, "fallback"), HttpStatusCode.Conflict);
        Assert.Equal("Task not running", notStarted.GetProperty("title").GetString());
        await ProblemAssert.IsProblemAsync(await client.CancelElementAsync("no-such-run", "draft"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/api/runs/{runId}/elements/draft/cancel", TestWorkflows.Body("""{"reason":"bored"}""", "application/json")),
            HttpStatusCode.BadRequest);

        await client.WaitForEndAsync(runId);
        var events = await SseReader.ReadAllAsync(client, $"/api/runs/{runId}/events");
        var failed = events.Where(f => f.Event == "task.cancel.failed").Select(f => JsonSerializer.Deserialize<JsonElement>(f.Data).GetProperty("data")).ToList();
        Assert.Contains(failed, d => d.GetProperty("elementId").GetString() == "quick" && d.GetProperty("error").GetString() == "Task already completed");
        Assert.Contains(failed, d => d.GetProperty("elementId").GetString() == "hold" && d.GetProperty("error").GetString() == "Task is not cancellable");
    }

    [Fact]
    public async Task Cancels_at_once_leave_one_request_in_the_history()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);
        var runId = (await client.StartRunAsync(TestWorkflows.ReviewId)).GetProperty("runId").GetString()!;
        await client.WaitUntilStreamingAsync(runId, "draft");

        // Eight at once: exactly one is recorded, the rest see it standing (none is refused as "already completed").
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.CancelElementAsync(runId, "draft")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("outcome").GetString()));
        Assert.Single(outcomes, o => o == "requested");
        Assert.Equal(7, outcomes.Count(o => o == "already_requested"));

        await client.WaitForEndAsync(runId);
        var events = await SseReader.ReadAllAsync(client, $"/api/runs/{runId}/events");
        Assert.Single(events, f => f.Event == "task.cancel.request");
        Assert.Single(events, f => f.Event == "task.cancelled");
    }

    [Fact]
    public async Task The_event_stream_resumes_after_Last_Event_ID_and_replay_equals_the_final_view()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);
        var runId = (await client.StartRunAsync(TestWorkflows.ReviewId)).GetProperty("runId").GetString()!;

        var all = await SseReader.ReadAllAsync(client, $"/api/runs/{runId}/events");
        Assert.Equal("job.completed", all[^1].Event);
        var stored = all.Where(f => f.Id is not null).ToList();
        var middle = stored[stored.Count / 2];
        var resumed = await SseReader.ReadAllAsync(client, $"/api/runs/{runId}/events", lastEventId: middle.Id);
        Assert.Equal(stored.SkipWhile(f => f != middle).Skip(1).Select(f => f.Id), resumed.Where(f => f.Id is not null).Select(f => f.Id));

        var view = await client.GetRunAsync(runId);
        var replay = await JsonGetRun(client, $"/api/runs/{runId}/replay");
        Assert.Equal(view.GetRawText(), replay.GetProperty("run").GetRawText());
        var timeline = replay.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(stored.Count, timeline.Count);
        Assert.Contains(timeline, t => t.GetProperty("type").GetString() == "workflow.finished");
    }

    [Fact]
    public async Task Cancelling_the_whole_run_is_202_then_409_once_it_ended()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);
        var runId = (await client.StartRunAsync(TestWorkflows.ReviewId)).GetProperty("runId").GetString()!;
        await client.WaitUntilStreamingAsync(runId, "draft");

        using var response = await client.PostAsJsonAsync($"/api/runs/{runId}/cancel", new { message = "stop it" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await client.WaitForEndAsync(runId);
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.Equal("cancelled", run.GetProperty("outcome").GetString());
        Assert.Equal("cancelled", run.ElementStatus("draft"));

        var again = await ProblemAssert.IsProblemAsync(await client.PostAsync($"/api/runs/{runId}/cancel", null), HttpStatusCode.Conflict);
        Assert.Equal("cancelled", again.GetProperty("runStatus").GetString());
    }

    [Fact]
    public async Task Another_owners_run_is_404_on_every_route_and_a_taken_run_id_is_409()
    {
        await using var server = await RunningServer.StartAsync(options =>
        {
            options.ApiKeys.Add(new ApiKey("key-a", "alice"));
            options.ApiKeys.Add(new ApiKey("key-b", "bob"));
        });
        using var alice = server.Client("key-a");
        using var bob = server.Client("key-b");
        await TestWorkflows.PutReviewAsync(alice);
        await alice.StartRunAsync(TestWorkflows.ReviewId, new { runId = "alices" });

        foreach (var response in new[]
        {
            await bob.GetAsync("/api/runs/alices"),
            await bob.GetAsync("/api/runs/alices/replay"),
            await bob.GetAsync("/api/runs/alices/events"),
            await bob.GetAsync("/api/runs/alices/agui"),
            await bob.PostAsync("/api/runs/alices/cancel", null),
            await bob.PostAsync("/api/runs/alices/elements/draft/cancel", null),
            await bob.PostAsJsonAsync("/api/runs/alices/elements/draft/complete", new { input = "x" }),
        })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        }
        await ProblemAssert.IsProblemAsync(
            await bob.PostAsJsonAsync($"/api/workflows/{TestWorkflows.ReviewId}/runs", new { runId = "alices" }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(
            await alice.PostAsJsonAsync($"/api/workflows/{TestWorkflows.ReviewId}/runs", new { variables = 3 }), HttpStatusCode.BadRequest);
        await alice.WaitForEndAsync("alices");
    }

    [Fact]
    public async Task A_job_that_is_not_a_run_is_not_found_on_the_run_routes()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 1, delayMs = 1 });

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/runs/{job.Id()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync($"/api/runs/{job.Id()}/elements/x/complete", new { input = 1 }), HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> JsonGetRun(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

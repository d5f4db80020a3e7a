using System.Net;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Jobs;

public sealed class CancelJobTests
{
    [Fact]
    public async Task Cancelling_a_running_job_answers_cancelling_then_it_ends_cancelled_with_reason_message_and_partial_results()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });
        await client.WaitUntilProgressingAsync(job.Id());

        using var response = await client.PostAsync($"/api/jobs/{job.Id()}/cancel",
            SubmitJobTests.Json("""{"reason":"resource_limit","message":"wrong file"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.Contains(accepted.Status(), new[] { "cancelling", "cancelled" });
        var cancelled = await client.WaitForStatusAsync(job.Id(), "cancelled");
        var cancellation = cancelled.GetProperty("cancellation");
        Assert.Equal("resource_limit", cancellation.GetProperty("reason").GetString());
        Assert.Equal("wrong file", cancellation.GetProperty("message").GetString());
        Assert.Equal("local", cancellation.GetProperty("requestedBy").GetString());
        Assert.Equal(JsonValueKind.String, cancellation.GetProperty("requestedAt").ValueKind);

        var partial = await JsonGet.GetFromJsonElementAsync(client, $"/api/jobs/{job.Id()}/partial-results");
        Assert.Equal("partial", partial.GetProperty("status").GetString());
        Assert.True(partial.GetProperty("completedItems").GetInt64() > 0);
        Assert.Equal(10_000, partial.GetProperty("totalItems").GetInt64());
        Assert.True(partial.GetProperty("results").GetArrayLength() > 0);
        Assert.True(partial.TryGetProperty("completionPercent", out _));
    }

    [Fact]
    public async Task A_cancel_without_body_uses_user_requested()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });
        await client.WaitUntilProgressingAsync(job.Id());

        using var response = await client.PostAsync($"/api/jobs/{job.Id()}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var cancelled = await client.WaitForStatusAsync(job.Id(), "cancelled");
        Assert.Equal("user_requested", cancelled.GetProperty("cancellation").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancelling_again_after_the_job_stopped_is_409_with_the_jobs_status()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });
        await client.WaitUntilProgressingAsync(job.Id());
        await client.PostAsync($"/api/jobs/{job.Id()}/cancel", null);
        await client.WaitForStatusAsync(job.Id(), "cancelled");

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/api/jobs/{job.Id()}/cancel", null), HttpStatusCode.Conflict);

        Assert.Equal("Job already cancelled", problem.GetProperty("title").GetString());
        Assert.Equal("cancelled", problem.GetProperty("jobStatus").GetString());
    }

    [Fact]
    public async Task Cancelling_a_completed_job_is_409_job_already_completed()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 1, delayMs = 1 });
        await client.WaitForStatusAsync(job.Id(), "completed");

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PostAsync($"/api/jobs/{job.Id()}/cancel", null), HttpStatusCode.Conflict);

        Assert.Equal("Job already completed", problem.GetProperty("title").GetString());
        Assert.Equal("completed", problem.GetProperty("jobStatus").GetString());
    }

    [Fact]
    public async Task Cancelling_a_pending_job_is_immediate_200_cancelled()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var blocker = await client.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });
        var waiting = await client.SubmitAsync("test.sleep", new { steps = 1 }, dependsOn: [blocker.Id()]);

        using var response = await client.PostAsync($"/api/jobs/{waiting.Id()}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.ReadJsonAsync()).Status());
        await client.PostAsync($"/api/jobs/{blocker.Id()}/cancel", null);
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_404()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/jobs/unknown/cancel", null), HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Jobs;

public sealed class SubmitJobTests
{
    [Fact]
    public async Task A_submitted_job_is_accepted_with_its_location_and_completes()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        using var response = await client.PostAsync("/api/jobs", Json("""{"type":"test.sleep","input":{"steps":3,"delayMs":1}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.ReadJsonAsync();
        Assert.Equal($"/api/jobs/{job.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("test.sleep", job.GetProperty("type").GetString());
        Assert.Contains(job.Status(), new[] { "pending", "running", "completed" });
        var done = await client.WaitForStatusAsync(job.Id(), "completed");
        Assert.Equal(3, done.GetProperty("result").GetProperty("steps").GetInt32());
        Assert.Equal(JsonValueKind.String, done.GetProperty("finishedAt").ValueKind);
        Assert.Equal(1, done.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Progress_rises_while_a_job_runs()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.sleep", new { steps = 200, delayMs = 10 });

        var first = await client.WaitUntilProgressingAsync(job.Id());
        var firstCurrent = first.GetProperty("progress").GetProperty("current").GetInt64();
        var later = await client.WaitForJobAsync(job.Id(), j =>
            j.GetProperty("progress").GetProperty("current").GetInt64() > firstCurrent);

        var progress = later.GetProperty("progress");
        Assert.Equal(200, progress.GetProperty("total").GetInt64());
        Assert.True(progress.GetProperty("percent").GetDouble() > 0);
        Assert.StartsWith("step ", progress.GetProperty("message").GetString(), StringComparison.Ordinal);
        await client.PostAsync($"/api/jobs/{job.Id()}/cancel", null);
    }

    [Fact]
    public async Task A_failing_job_ends_failed_with_its_error()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var job = await client.SubmitAsync("test.fail", new { message = "disk on fire" });

        var failed = await client.WaitForStatusAsync(job.Id(), "failed");

        Assert.Contains("disk on fire", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_filters_by_status_and_type_and_pages()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var done = await client.SubmitAsync("test.sleep", new { steps = 1, delayMs = 1 });
        var failed = await client.SubmitAsync("test.fail", new { });
        await client.WaitForStatusAsync(done.Id(), "completed");
        await client.WaitForStatusAsync(failed.Id(), "failed");

        var completed = await client.GetFromJsonElementAsync("/api/jobs?status=completed");
        var byType = await client.GetFromJsonElementAsync("/api/jobs?type=test.fail");
        var page = await client.GetFromJsonElementAsync("/api/jobs?limit=1&offset=1");

        Assert.Equal([done.Id()], Ids(completed));
        Assert.Equal([failed.Id()], Ids(byType));
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("limit").GetInt32());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
        Assert.Single(Ids(page));
    }

    [Fact]
    public async Task An_unknown_job_is_404_problem_details()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs/nope/events"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs/nope/partial-results"), HttpStatusCode.NotFound);
    }

    internal static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(j => j.Id())];
}

internal static class JsonGet
{
    public static async Task<JsonElement> GetFromJsonElementAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

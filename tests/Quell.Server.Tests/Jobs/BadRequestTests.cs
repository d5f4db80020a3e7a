using System.Net;
using System.Text;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Jobs;

public sealed class BadRequestTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        _client = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_type_is_400_listing_the_known_types()
    {
        var problem = await ProblemAssert.IsProblemAsync(
            await Post("/api/jobs", """{"type":"nope","input":{}}"""), HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("test.sleep", detail, StringComparison.Ordinal);
        Assert.Contains("test.fail", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"test.sleep","input":{"steps":1},""", "malformed JSON")]
    [InlineData("""{"type":"test.sleep","input":{"steps":"many"}}""", "input that does not fit")]
    [InlineData("""{"type":"test.sleep"}""", "missing input")]
    [InlineData("""{"input":{}}""", "missing type")]
    [InlineData("""{"type":"test.sleep","input":{},"timeoutSeconds":0}""", "zero timeout")]
    [InlineData("""{"type":"test.sleep","input":{},"timeoutSeconds":"soon"}""", "timeout that is not a number")]
    [InlineData("""{"type":"test.sleep","input":{},"dependsOn":["no-such-job"]}""", "unknown dependency")]
    [InlineData("null", "null body")]
    [InlineData("[1,2]", "array body")]
    [InlineData("", "empty body")]
    public async Task A_bad_submission_is_400_problem_details(string body, string because)
    {
        var response = await Post("/api/jobs", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_submission_that_is_not_JSON_is_400_naming_the_content_type()
    {
        using var content = new StringContent("type=test.sleep", Encoding.UTF8, "application/x-www-form-urlencoded");

        var problem = await ProblemAssert.IsProblemAsync(await _client.PostAsync("/api/jobs", content), HttpStatusCode.BadRequest);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cancellation_reason_is_400_listing_the_valid_ones()
    {
        var problem = await ProblemAssert.IsProblemAsync(
            await Post("/api/jobs/any/cancel", """{"reason":"bored"}"""), HttpStatusCode.BadRequest);

        Assert.Contains("user_requested", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_cancel_body_is_400()
    {
        await ProblemAssert.IsProblemAsync(await Post("/api/jobs/any/cancel", "{reason"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("status=sleeping")]
    [InlineData("limit=0")]
    [InlineData("limit=lots")]
    [InlineData("limit=100000")]
    [InlineData("offset=-1")]
    public async Task A_bad_listing_filter_is_400(string query)
    {
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/jobs?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bad_last_event_id_is_400()
    {
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/jobs/any/events?lastEventId=abc"), HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}

using System.Net;
using System.Text;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Jobs;

public sealed class SubmitJobBatchTests : IAsyncLifetime
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
    public async Task A_batch_is_stored_with_one_result_per_job_and_every_job_runs()
    {
        var body = "{\"jobs\":[" + string.Join(",", Enumerable.Range(1, 50).Select(i =>
            $$$"""{"type":"test.sleep","input":{"steps":{{{i % 3 + 1}}},"delayMs":1}}""")) + "]}";

        using var response = await Post(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await response.ReadJsonAsync();
        Assert.Equal((50, 0), (batch.GetProperty("accepted").GetInt32(), batch.GetProperty("refused").GetInt32()));
        var items = batch.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(0, 50), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(items, i => Assert.Equal(202, i.GetProperty("status").GetInt32()));
        Assert.All(items, i => Assert.False(i.TryGetProperty("problem", out _)));
        var ids = items.Select(i => i.GetProperty("job").Id()).ToArray();
        Assert.Equal(50, ids.Distinct().Count());
        foreach (var id in ids) await _client.WaitForStatusAsync(id, "completed");
        var listed = await _client.GetFromJsonElementAsync("/api/jobs?status=completed&limit=100");
        Assert.Equal(50, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bad_item_refuses_only_itself_with_a_problem_of_its_own()
    {
        using var response = await Post("""
            {"jobs":[
              {"type":"test.sleep","input":{"steps":1,"delayMs":1}},
              {"type":"nope","input":{}},
              {"type":"test.sleep","input":{"steps":"many"}},
              42,
              {"type":"test.sleep","input":{},"timeoutSeconds":"soon"},
              {"input":{}},
              {"type":"test.sleep","input":{},"dependsOn":["no-such-job"]},
              {"type":"test.sleep","input":{"steps":2,"delayMs":1}}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await response.ReadJsonAsync();
        Assert.Equal((2, 6), (batch.GetProperty("accepted").GetInt32(), batch.GetProperty("refused").GetInt32()));
        var items = batch.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([202, 400, 400, 400, 400, 400, 400, 202], items.Select(i => i.GetProperty("status").GetInt32()));
        foreach (var refused in items.Where(i => i.GetProperty("status").GetInt32() == 400))
        {
            Assert.False(refused.TryGetProperty("job", out _));
            var problem = refused.GetProperty("problem");
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.StartsWith("https://", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
        Assert.Equal("Unknown job type", Problem(items[1]).GetProperty("title").GetString());
        Assert.Contains("test.sleep", Problem(items[1]).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Invalid input", Problem(items[2]).GetProperty("title").GetString());
        Assert.Contains("Item 3 is a number", Problem(items[3]).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds", Problem(items[4]).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unknown dependency", Problem(items[6]).GetProperty("title").GetString());
        await _client.WaitForStatusAsync(items[0].GetProperty("job").Id(), "completed");
        await _client.WaitForStatusAsync(items[7].GetProperty("job").Id(), "completed");
        Assert.Equal(2, (await _client.GetFromJsonElementAsync("/api/jobs")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_job_may_depend_on_one_submitted_before_the_batch()
    {
        var first = await _client.SubmitAsync("test.sleep", new { steps = 1, delayMs = 1 });

        using var response = await Post($$$"""{"jobs":[{"type":"test.sleep","input":{"steps":1,"delayMs":1},"dependsOn":["{{{first.Id()}}}"]}]}""");

        var item = (await response.ReadJsonAsync()).GetProperty("items")[0];
        Assert.Equal(202, item.GetProperty("status").GetInt32());
        Assert.Equal([first.Id()], item.GetProperty("job").GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()));
        await _client.WaitForStatusAsync(item.GetProperty("job").Id(), "completed");
    }

    [Theory]
    [InlineData("""{"jobs":[]}""", "Empty batch")]
    [InlineData("""{}""", "Empty batch")]
    [InlineData("""{"jobs":null}""", "Empty batch")]
    [InlineData("""{"jobs":"test.sleep"}""", "Malformed JSON")]
    [InlineData("""{"jobs":{"type":"test.sleep"}}""", "Malformed JSON")]
    [InlineData("""[{"type":"test.sleep","input":{}}]""", "Malformed JSON")]
    [InlineData("""{"jobs":[{"type":"test.sleep","input":{}}""", "Malformed JSON")]
    [InlineData("null", "Missing body")]
    public async Task A_body_that_is_not_a_batch_is_400_and_stores_nothing(string body, string title)
    {
        var problem = await ProblemAssert.IsProblemAsync(await Post(body), HttpStatusCode.BadRequest);

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(0, (await _client.GetFromJsonElementAsync("/api/jobs")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task More_than_a_thousand_jobs_is_400_and_stores_nothing()
    {
        var body = "{\"jobs\":[" + string.Join(",", Enumerable.Repeat("""{"type":"test.sleep","input":{}}""", 1001)) + "]}";

        var problem = await ProblemAssert.IsProblemAsync(await Post(body), HttpStatusCode.BadRequest);

        Assert.Equal("Too many jobs", problem.GetProperty("title").GetString());
        Assert.Contains("1000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetFromJsonElementAsync("/api/jobs")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_batch_that_is_not_JSON_is_400_naming_the_content_type()
    {
        using var content = new StringContent("jobs=1", Encoding.UTF8, "application/x-www-form-urlencoded");

        var problem = await ProblemAssert.IsProblemAsync(await _client.PostAsync("/api/jobs:batch", content), HttpStatusCode.BadRequest);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Problem(JsonElement item) => item.GetProperty("problem");

    private async Task<HttpResponseMessage> Post(string body) =>
        await _client.PostAsync("/api/jobs:batch", new StringContent(body, Encoding.UTF8, "application/json"));
}

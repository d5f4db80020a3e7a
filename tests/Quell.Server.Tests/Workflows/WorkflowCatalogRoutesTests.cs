using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

public sealed class WorkflowCatalogRoutesTests
{
    [Fact]
    public async Task A_new_workflow_is_201_a_replaced_one_200_and_GET_returns_the_text_verbatim_with_its_type()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        using var created = await client.PutAsync("/api/workflows/review", TestWorkflows.Yaml(TestWorkflows.Review));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var summary = await created.ReadJsonAsync();
        Assert.Equal("review", summary.GetProperty("id").GetString());
        Assert.Equal("yaml", summary.GetProperty("format").GetString());
        Assert.Contains(summary.GetProperty("elements").EnumerateArray(),
            e => e.GetProperty("id").GetString() == "draft" && e.GetProperty("type").GetString() == "AgenticTask");

        using var replaced = await client.PutAsync("/api/workflows/review", TestWorkflows.Body(TestWorkflows.Review, "text/yaml"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var text = await client.GetAsync("/api/workflows/review");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal("application/yaml", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestWorkflows.Review, await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accept_json_gives_the_loaded_model_and_the_list_names_every_workflow()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        await TestWorkflows.PutReviewAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows/review");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var model = await response.ReadJsonAsync();
        Assert.Equal("Review", model.GetProperty("name").GetString());
        var draft = model.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "draft");
        Assert.Equal("AgenticTask", draft.GetProperty("type").GetString());
        Assert.Equal(9, model.GetProperty("flows").GetArrayLength());

        var list = await JsonGet.GetFromJsonElementAsync(client, "/api/workflows");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == "review");
    }

    public static TheoryData<string, string, string?> BrokenFiles() => new()
    {
        // What is broken, the text, the element the first error must name (null: a file-level error).
        { "unknown element type", TestWorkflows.Review.Replace("type: ExclusiveGateway", "type: Gateway", StringComparison.Ordinal), "checked" },
        { "flow to a missing element", TestWorkflows.Review.Replace("target: end_hold", "target: nowhere", StringComparison.Ordinal), "f9" },
        { "bad property value", TestWorkflows.Review.Replace("tokensPerSecond: 200\n        text: Noted.", "tokensPerSecond: fast\n        text: Noted.", StringComparison.Ordinal), "quick" },
        { "bad condition", TestWorkflows.Review.Replace("tasks.draft.status == 'cancelled'", "tasks.draft.status ==", StringComparison.Ordinal), "f6" },
        { "YAML syntax", TestWorkflows.Review.Replace("  - id: split", "  - id: [split", StringComparison.Ordinal), null },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_file_is_400_listing_located_errors_and_nothing_is_stored(string kind, string text, string? element)
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/broken", TestWorkflows.Yaml(text)), HttpStatusCode.BadRequest);

        Assert.Equal("Invalid workflow", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count > 0, kind);
        Assert.All(errors, e =>
        {
            Assert.True(e.GetProperty("line").GetInt32() > 0, $"{kind}: {e}");
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
        });
        if (element is not null)
        {
            Assert.Contains(errors, e => e.TryGetProperty("elementId", out var id) && id.GetString() == element);
        }
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/workflows/broken"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_broken_BPMN_file_is_400_with_a_line()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        const string bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="missing" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var problem = await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/p", TestWorkflows.Body(bpmn, "application/bpmn+xml")), HttpStatusCode.BadRequest);

        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public async Task Another_content_type_is_415_an_unknown_workflow_404_and_a_bad_id_400()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/review", TestWorkflows.Body(TestWorkflows.Review, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/review", TestWorkflows.Body("{}", "application/json")),
            HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/workflows/nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync("/api/workflows/nope/runs", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/-bad", TestWorkflows.Yaml(TestWorkflows.Review)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(
            await client.PutAsync("/api/workflows/empty", TestWorkflows.Yaml("  ")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_routes_are_in_the_OpenAPI_document()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();

        var document = await JsonGet.GetFromJsonElementAsync(client, "/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/workflows", "/api/workflows/{id}", "/api/workflows/{id}/runs", "/api/runs/{id}", "/api/runs/{id}/cancel",
            "/api/runs/{id}/elements/{elementId}/cancel", "/api/runs/{id}/elements/{elementId}/complete",
            "/api/runs/{id}/events", "/api/runs/{id}/replay", "/api/agui/{workflowId}", "/api/runs/{id}/agui",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
        Assert.True(paths.GetProperty("/api/workflows/{id}").GetProperty("put").GetProperty("requestBody")
            .GetProperty("content").TryGetProperty("application/yaml", out _));
        Assert.Equal(JsonValueKind.Object, paths.GetProperty("/api/agui/{workflowId}").GetProperty("post").ValueKind);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using Quell.Csv;
using Quell.Mcp.Tests.Infrastructure;
using Quell.Server;
using Quell.Server.Auth;

namespace Quell.Mcp.Tests.Tasks;

/// <summary>
/// MCP tasks over Streamable HTTP on the real server (Kestrel on 127.0.0.1:0, API keys): a task outlives the
/// session that created it and is fetched again from a new one, by its owner only.
/// </summary>
[Collection(BigCsvCollection.Name)]
public sealed class HttpTaskTests(BigCsvFixture big) : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    private Uri Endpoint => new(_address, "/mcp");

    public async Task InitializeAsync()
    {
        _app = QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add("http://127.0.0.1:0");
            options.DataDirectory = _data.Path;
            options.ApiKeys.Add(new ApiKey("key-a", "alice"));
            options.ApiKeys.Add(new ApiKey("key-b", "bob"));
        });
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    [Fact]
    public async Task A_task_survives_the_end_of_its_session_and_a_new_session_of_the_same_owner_fetches_its_result()
    {
        var file = Path.Combine(_data.Path, "medium.csv");
        await DemoCsv.WriteAsync(file, 300_000);
        string taskId;
        await using (var first = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a"))
        {
            taskId = (await TaskRequests.CreateAsync(first, "analyze_csv", new { paths = new[] { file } })).GetProperty("taskId").GetString()!;
        } // disposing the client deletes the HTTP session

        await using var second = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");
        var task = await TaskRequests.GetAsync(second, taskId);
        Assert.Equal(taskId, task.GetProperty("taskId").GetString());
        var result = await TaskRequests.ResultAsync(second, taskId);
        Assert.Equal(300_000, result.GetProperty("structuredContent").GetProperty("result").GetProperty("totalRows").GetInt64());
        Assert.Equal("completed", (await TaskRequests.GetAsync(second, taskId)).GetProperty("status").GetString());
        Assert.Contains(taskId, (await TaskRequests.ListAsync(second)).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()));

        await using var bob = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-b");
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.GetAsync(bob, taskId))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.CancelAsync(bob, taskId))).ErrorCode);
        Assert.Empty((await TaskRequests.ListAsync(bob)).GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task Closing_the_session_does_not_cancel_a_running_task_and_another_session_cancels_it()
    {
        var file = Path.Combine(_data.Path, "big.csv");
        File.Copy(big.Path, file);
        string taskId;
        await using (var first = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a"))
        {
            taskId = (await TaskRequests.CreateAsync(first, "analyze_csv", new { paths = new[] { file } })).GetProperty("taskId").GetString()!;
        }

        await using var second = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");
        Assert.Equal("working", (await TaskRequests.GetAsync(second, taskId)).GetProperty("status").GetString());
        var cancelled = await TaskRequests.CancelAsync(second, taskId);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        using var rest = new HttpClient { BaseAddress = _address };
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "key-a");
        var job = await rest.GetFromJsonAsync<JsonElement>($"/api/jobs/{taskId}");
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("Cancelled by the MCP client (tasks/cancel)", job.GetProperty("cancellation").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Over_stateless_http_a_tasks_progress_flows_on_its_token_through_an_open_tasks_result()
    {
        var file = Path.Combine(_data.Path, "big-progress.csv");
        File.Copy(big.Path, file);
        await using var session = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");
        var taskId = (await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { file } }, progressToken: "http-task"))
            .GetProperty("taskId").GetString()!;

        var result = await TaskRequests.ResultAsync(session, taskId);

        Assert.Equal(BigCsvFixture.Rows, result.GetProperty("structuredContent").GetProperty("result").GetProperty("totalRows").GetInt64());
        var progress = session.Tap.Received.OfType<ModelContextProtocol.Protocol.JsonRpcNotification>()
            .Where(n => n.Method == ModelContextProtocol.Protocol.NotificationMethods.ProgressNotification)
            .Select(n => JsonSerializer.Deserialize<ModelContextProtocol.Protocol.ProgressNotificationParams>(n.Params, McpJsonUtilities.DefaultOptions)!)
            .Where(p => p.ProgressToken.ToString() == "http-task")
            .Select(p => p.Progress.Progress).ToList();
        Assert.True(progress.Count >= 2, $"only {progress.Count} progress notifications");
        for (var i = 1; i < progress.Count; i++) Assert.True(progress[i] > progress[i - 1], $"progress went from {progress[i - 1]} to {progress[i]}");
    }

    [Fact]
    public async Task Concurrent_clients_each_see_the_tasks_capability_and_task_support()
    {
        // Stateless requests share no session id and every client numbers its requests from 0: the outgoing filter
        // must still decorate each response, and only its own.
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async client =>
            {
                await using var session = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");
                var initialize = JsonSerializer.SerializeToElement(session.Tap.Received.OfType<ModelContextProtocol.Protocol.JsonRpcResponse>().First().Result);
                Assert.True(initialize.GetProperty("capabilities").TryGetProperty("tasks", out _), $"round {round}, client {client}: {initialize}");
                var tools = await TaskRequests.SendAsync(session, "tools/list", new System.Text.Json.Nodes.JsonObject());
                var analyze = tools.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "analyze_csv");
                Assert.Equal("optional", analyze.GetProperty("execution").GetProperty("taskSupport").GetString());
            }));
        }
    }

    [Fact]
    public async Task Tasks_cancel_racing_completion_answers_with_the_state_the_job_reached()
    {
        var file = Path.Combine(_data.Path, "tiny.csv");
        await DemoCsv.WriteAsync(file, 50);
        await using var session = await QuellMcpSession.ConnectHttpAsync(Endpoint, "key-a");
        for (var i = 0; i < 30; i++)
        {
            var taskId = (await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { file } })).GetProperty("taskId").GetString()!;
            string answered;
            try
            {
                answered = (await TaskRequests.CancelAsync(session, taskId)).GetProperty("status").GetString()!;
            }
            catch (McpProtocolException e) when (e.ErrorCode == McpErrorCode.InvalidParams)
            {
                answered = "already-finished";
            }

            var final = await TaskRequests.GetAsync(session, taskId);
            var status = final.GetProperty("status").GetString();
            Assert.True(status is "completed" or "cancelled", $"iteration {i}: {final}");
            Assert.True(answered == status || answered == "already-finished" && status == "completed",
                $"iteration {i}: tasks/cancel answered {answered} but the task is {status}");
        }
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}

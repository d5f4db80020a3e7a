using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Csv;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Tasks;

/// <summary>MCP tasks over stdio, against a real <c>quell mcp</c> child process.</summary>
[Collection(BigCsvCollection.Name)]
public sealed class StdioTaskTests(BigCsvFixture big) : IDisposable
{
    private readonly TempDirectory _data = new();

    private async Task<string> SmallCsvAsync(int rows = 200)
    {
        var path = _data.File($"small-{Guid.NewGuid():N}.csv");
        await DemoCsv.WriteAsync(path, rows);
        return path;
    }

    [Fact]
    public async Task Initialize_declares_tasks_and_only_analyze_csv_offers_task_support()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);

        var initialize = session.Tap.Received.OfType<JsonRpcResponse>().First();
        var tasks = JsonSerializer.SerializeToElement(initialize.Result).GetProperty("capabilities").GetProperty("tasks");
        Assert.True(tasks.TryGetProperty("list", out _));
        Assert.True(tasks.TryGetProperty("cancel", out _));
        Assert.True(tasks.GetProperty("requests").GetProperty("tools").TryGetProperty("call", out _));

        var tools = await TaskRequests.SendAsync(session, RequestMethods.ToolsList, new System.Text.Json.Nodes.JsonObject());
        foreach (var tool in tools.GetProperty("tools").EnumerateArray())
        {
            var name = tool.GetProperty("name").GetString();
            if (name == "analyze_csv")
            {
                Assert.Equal("optional", tool.GetProperty("execution").GetProperty("taskSupport").GetString());
            }
            else
            {
                Assert.False(tool.TryGetProperty("execution", out _), $"{name} must not offer task support");
            }
        }
    }

    [Fact]
    public async Task A_task_is_created_at_once_with_the_job_id_and_tasks_result_returns_the_tools_result()
    {
        var file = await SmallCsvAsync(300);
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);

        var task = await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { file } }, ttlMs: 60_000);

        Assert.Equal("working", task.GetProperty("status").GetString());
        Assert.Equal(60_000, task.GetProperty("ttl").GetInt64());
        Assert.True(task.GetProperty("pollInterval").GetInt64() > 0);
        Assert.True(DateTimeOffset.TryParse(task.GetProperty("createdAt").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(task.GetProperty("lastUpdatedAt").GetString(), out _));
        var taskId = task.GetProperty("taskId").GetString()!;
        var job = await session.CallJsonAsync("get_job", new { id = taskId });
        Assert.Equal("csv.analyze", job.GetProperty("type").GetString());

        var result = await TaskRequests.ResultAsync(session, taskId);

        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
        Assert.Equal(taskId, result.GetProperty("structuredContent").GetProperty("jobId").GetString());
        Assert.Equal(300, result.GetProperty("structuredContent").GetProperty("result").GetProperty("totalRows").GetInt64());
        Assert.Equal(taskId, result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/related-task").GetProperty("taskId").GetString());
        var done = await TaskRequests.GetAsync(session, taskId);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(60_000, done.GetProperty("ttl").GetInt64());
    }

    [Fact]
    public async Task A_long_task_is_working_sends_progress_on_the_original_token_and_tasks_cancel_answers_cancelled()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);

        var task = await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { big.Path } }, progressToken: "task-progress");
        var taskId = task.GetProperty("taskId").GetString()!;
        // Progress for the token keeps coming after the CreateTaskResult answered the call.
        await WaitForAsync(() => ProgressFor(session, "task-progress").Count >= 2, "two progress notifications after the task was created");
        Assert.Equal("working", (await TaskRequests.GetAsync(session, taskId)).GetProperty("status").GetString());

        var cancelled = await TaskRequests.CancelAsync(session, taskId);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(taskId, cancelled.GetProperty("taskId").GetString());
        var job = await session.CallJsonAsync("get_job", new { id = taskId });
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("Cancelled by the MCP client (tasks/cancel)", job.GetProperty("cancellation").GetProperty("message").GetString());
        var progress = ProgressFor(session, "task-progress");
        for (var i = 1; i < progress.Count; i++) Assert.True(progress[i] > progress[i - 1], "progress must increase");

        // Its result is what the tool would have answered: an error result naming the cancel.
        var result = await TaskRequests.ResultAsync(session, taskId);
        Assert.True(result.GetProperty("isError").GetBoolean());
        // Cancelling again, or anything finished, is invalid params.
        var again = await TaskRequests.ErrorAsync(() => TaskRequests.CancelAsync(session, taskId));
        Assert.Equal(McpErrorCode.InvalidParams, again.ErrorCode);
    }

    [Fact]
    public async Task Unknown_and_finished_tasks_and_plain_jobs_are_invalid_params()
    {
        var file = await SmallCsvAsync();
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        var task = await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { file } });
        var taskId = task.GetProperty("taskId").GetString()!;
        await TaskRequests.ResultAsync(session, taskId);
        var plainJobId = (await session.CallJsonAsync("analyze_csv", new { paths = new[] { file } })).GetProperty("jobId").GetString()!;

        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.GetAsync(session, "no-such-task"))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.ResultAsync(session, "no-such-task"))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.CancelAsync(session, "no-such-task"))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.CancelAsync(session, taskId))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.GetAsync(session, plainJobId))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams, (await TaskRequests.ErrorAsync(() => TaskRequests.ListAsync(session, "not-a-cursor"))).ErrorCode);
        Assert.Equal(McpErrorCode.InvalidParams,
            (await TaskRequests.ErrorAsync(() => TaskRequests.CreateAsync(session, "analyze_csv", new { files = "x" }))).ErrorCode);
        Assert.Equal(McpErrorCode.MethodNotFound,
            (await TaskRequests.ErrorAsync(() => TaskRequests.CreateAsync(session, "list_jobs", new { }))).ErrorCode);
        // The server still answers plainly afterwards.
        await session.Client.PingAsync();
    }

    [Fact]
    public async Task Tasks_list_shows_only_tasks_newest_first_across_pages()
    {
        var file = await SmallCsvAsync(20);
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        await session.CallJsonAsync("analyze_csv", new { paths = new[] { file } }); // a plain job: not a task
        var created = new List<string>();
        for (var i = 0; i < 55; i++)
        {
            created.Add((await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { file } })).GetProperty("taskId").GetString()!);
        }

        var first = await TaskRequests.ListAsync(session);
        var second = await TaskRequests.ListAsync(session, first.GetProperty("nextCursor").GetString());

        var listed = first.GetProperty("tasks").EnumerateArray().Concat(second.GetProperty("tasks").EnumerateArray())
            .Select(t => t.GetProperty("taskId").GetString()!).ToList();
        Assert.Equal(50, first.GetProperty("tasks").GetArrayLength());
        Assert.False(second.TryGetProperty("nextCursor", out _));
        Assert.Equal(created.OrderBy(id => id).ToList(), listed.OrderBy(id => id).ToList());
        var createdAt = first.GetProperty("tasks").EnumerateArray().Concat(second.GetProperty("tasks").EnumerateArray())
            .Select(t => DateTimeOffset.Parse(t.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(createdAt.OrderByDescending(t => t).ToList(), createdAt);
    }

    [Fact]
    public async Task A_task_outlives_a_client_that_closes_stdin_and_its_job_completes()
    {
        string taskId;
        await using (var session = await QuellMcpSession.StartStdioAsync(_data.Path))
        {
            taskId = (await TaskRequests.CreateAsync(session, "analyze_csv", new { paths = new[] { big.Path } })).GetProperty("taskId").GetString()!;
            Assert.Equal("working", (await TaskRequests.GetAsync(session, taskId)).GetProperty("status").GetString());
        } // closes stdin; the process keeps running until its tasks are done, then exits

        // The process ran the task to its end before it exited, so the store says completed, not cancelled.
        var job = await QuellProcess.RunJsonAsync("jobs", "show", taskId, "--data", _data.Path, "--json");
        Assert.Equal("completed", job.GetProperty("status").GetString());
        // A new process knows it again: by id, and in tasks/list (rebuilt from the histories).
        await using var again = await QuellMcpSession.StartStdioAsync(_data.Path);
        var listed = (await TaskRequests.ListAsync(again)).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()).ToList();
        Assert.Equal([taskId], listed);
        Assert.Equal("completed", (await TaskRequests.GetAsync(again, taskId)).GetProperty("status").GetString());
    }

    private static List<float> ProgressFor(QuellMcpSession session, string token) =>
        [.. session.Tap.Received.OfType<JsonRpcNotification>()
            .Where(n => n.Method == NotificationMethods.ProgressNotification)
            .Select(n => JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, McpJsonUtilities.DefaultOptions)!)
            .Where(p => p.ProgressToken.ToString() == token)
            .Select(p => p.Progress.Progress)];

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public void Dispose() => _data.Dispose();
}

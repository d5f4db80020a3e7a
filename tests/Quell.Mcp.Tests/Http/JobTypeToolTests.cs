using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Http;

/// <summary>
/// A job type registered with <c>AsMcpTool</c> (<see cref="CountJob"/>, <c>test.count</c>) is a tool
/// (<c>test_count</c>) with a schema from its input type, and runs and cancels over MCP like <c>analyze_csv</c>.
/// </summary>
public sealed class JobTypeToolTests : IAsyncLifetime
{
    private HttpQuellServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpQuellServer.StartAsync();

    [Fact]
    public async Task The_job_type_is_listed_with_a_schema_generated_from_its_input_type()
    {
        await using var session = await _server.ConnectAsync();

        var tool = (await session.Client.ListToolsAsync()).Single(t => t.Name == CountJob.ToolName).ProtocolTool;

        Assert.StartsWith("Counts to a number, slowly.", tool.Description);
        var schema = tool.InputSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        var properties = schema.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("steps").GetProperty("type").GetString());
        Assert.Equal("How many steps to count.", properties.GetProperty("steps").GetProperty("description").GetString());
        Assert.True(properties.TryGetProperty("delayMs", out _), schema.ToString());
        Assert.Contains("steps", schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task It_runs_the_job_to_its_end_with_increasing_progress_and_returns_the_result()
    {
        await using var session = await _server.ConnectAsync();
        var progress = new FirstProgress();

        var result = await session.Client.CallToolAsync(CountJob.ToolName,
            QuellMcpSession.ToArguments(new { steps = 30, delayMs = 20 }), progress).AsTask().WaitAsync(QuellMcpSession.Patience);

        Assert.True(result.IsError is not true, QuellMcpSession.Text(result));
        var json = result.StructuredContent!.Value;
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(30, json.GetProperty("result").GetProperty("counted").GetInt32());
        var values = session.Tap.Progress();
        Assert.True(values.Count >= 2, $"only {values.Count} progress notifications");
        for (var i = 1; i < values.Count; i++) Assert.True(values[i].Progress > values[i - 1].Progress);
        Assert.Equal(100, values[^1].Progress);
        var job = await session.CallJsonAsync("get_job", new { id = json.GetProperty("jobId").GetString() });
        Assert.Equal("test.count", job.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_tool_error_that_says_what_is_wrong()
    {
        await using var session = await _server.ConnectAsync();

        var result = await session.CallAsync(CountJob.ToolName, new { steps = "many" });

        Assert.True(result.IsError);
        Assert.Contains("steps", QuellMcpSession.Text(result));
    }

    [Fact]
    public async Task A_cancel_notification_cancels_its_job_with_the_reason_and_no_response_follows()
    {
        await using var session = await _server.ConnectAsync();
        var progress = new FirstProgress(above: 0);
        var call = session.Client.CallToolAsync(CountJob.ToolName, QuellMcpSession.ToArguments(new { steps = 100_000, delayMs = 5 }), progress).AsTask();
        await progress.First.WaitAsync(QuellMcpSession.Patience);
        var requestId = session.Tap.LastToolCallId();

        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = requestId, Reason = "counted enough" }, McpJsonUtilities.DefaultOptions);

        var jobId = (await session.CallJsonAsync("list_jobs", new { type = CountJob.JobType, limit = 1 })).GetProperty("items")[0].GetProperty("id").GetString()!;
        var job = await session.WaitForTerminalAsync(jobId);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("counted enough", job.GetProperty("cancellation").GetProperty("message").GetString());
        var partial = await session.CallJsonAsync("get_partial_results", new { id = jobId });
        Assert.True(partial.GetProperty("completedItems").GetInt64() > 0, partial.ToString());
        await QuellMcpSession.AssertEndsWithoutReplyAsync(call);
        Assert.False(session.Tap.ReceivedResponseFor(requestId));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}

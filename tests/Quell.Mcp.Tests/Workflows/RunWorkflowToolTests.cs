using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Quell.Mcp.Tests.Infrastructure;

namespace Quell.Mcp.Tests.Workflows;

/// <summary><c>run_workflow</c> over stdio (<c>quell mcp</c>) with the SDK's client: progress, outcome, cancellation.</summary>
public sealed class RunWorkflowToolTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public RunWorkflowToolTests()
    {
        // The catalog is files under {data}/workflows; the tool finds what is stored there.
        Directory.CreateDirectory(_data.File("workflows"));
        File.WriteAllText(Path.Combine(_data.File("workflows"), "two-steps.yaml"), Workflow(tokensPerSecond: 200, allowCancellation: false));
        File.WriteAllText(Path.Combine(_data.File("workflows"), "slow.yaml"), Workflow(tokensPerSecond: 5, allowCancellation: true, id: "slow"));
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_run_reports_elements_done_as_progress_and_answers_its_outcome_and_outputs()
    {
        await using var session = await QuellMcpSession.StartStdioAsync(_data.Path);
        var progress = new FirstProgress();

        var result = await session.Client.CallToolAsync("run_workflow",
            QuellMcpSession.ToArguments(new { workflowId = "two-steps", variables = new { topic = "tea" } }),
            progress, cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.True(result.IsError is not true, QuellMcpSession.Text(result) + "\n" + session.StderrText);
        var answer = result.StructuredContent!.Value;
        Assert.Equal("success", answer.GetProperty("outcome").GetString());
        Assert.Equal("completed", answer.GetProperty("status").GetString());
        Assert.Contains("Summary written.", answer.GetProperty("outputs").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["start", "first", "second", "done"], answer.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("elementId").GetString()));
        var wire = session.Tap.Progress();
        Assert.NotEmpty(wire);
        Assert.True(progress.First.IsCompleted, "the client's progress handler saw nothing");
        for (var i = 1; i < wire.Count; i++) Assert.True(wire[i].Progress >= wire[i - 1].Progress, "progress went back");
        Assert.Equal(wire[^1].Total, wire[^1].Progress);
    }

    [Fact]
    public async Task Cancelling_the_request_cancels_the_run_as_user_requested_and_the_task_keeps_its_partial_result()
    {
        string runId;
        await using (var session = await QuellMcpSession.StartStdioAsync(_data.Path))
        {
            var progress = new FirstProgress();
            var call = session.Client.CallToolAsync("run_workflow", QuellMcpSession.ToArguments(new { workflowId = "slow" }), progress)
                .AsTask();
            // The start event's progress: the call is in flight. Its id now, before list_jobs makes more calls.
            await progress.First.WaitAsync(QuellMcpSession.Patience);
            var requestId = session.Tap.LastToolCallId();
            runId = await WaitForStreamingRunAsync(session);
            await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
                new CancelledNotificationParams { RequestId = requestId, Reason = "not needed any more" });
            // Sending it makes the SDK's client give up on the request. (Cancelling a token of the call as well would
            // race it: if the token fired before the client let go, the client sent a second notifications/cancelled,
            // without a reason, and the server, which handles messages concurrently, could act on that one first.)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(QuellMcpSession.Patience));

            var job = await session.WaitForTerminalAsync(runId);
            Assert.True(job.GetProperty("status").GetString() == "cancelled", $"{job}\n{session.StderrText}");
            Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
            Assert.True(job.GetProperty("cancellation").GetProperty("message").GetString() == "not needed any more",
                $"{job}\n{string.Join("\n", session.Tap.Sent.OfType<JsonRpcNotification>().Select(n => n.Method + " " + n.Params?.ToJsonString()))}\n{session.StderrText}");
            Assert.False(session.Tap.ReceivedResponseFor(requestId), "the server answered a cancelled request");
        }

        // quell mcp has exited: the store is free for the CLI, which replays the run from its events.
        var replay = await QuellProcess.RunJsonAsync("workflow", "replay", runId, "--data", _data.Path, "--json");
        var run = replay.GetProperty("run");
        Assert.Equal("cancelled", run.GetProperty("outcome").GetString());
        var first = run.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("elementId").GetString() == "first");
        Assert.Equal("cancelled", first.GetProperty("status").GetString());
        Assert.True(first.GetProperty("partialResult").GetProperty("tokens_used").GetInt64() > 0);
    }

    private static async Task<string> WaitForStreamingRunAsync(QuellMcpSession session)
    {
        using var timeout = new CancellationTokenSource(QuellMcpSession.Patience);
        while (true)
        {
            var page = await session.CallJsonAsync("list_jobs", new { limit = 1 });
            if (page.GetProperty("items").GetArrayLength() > 0 && page.GetProperty("items")[0] is var job
                && job.GetProperty("status").GetString() == "running")
            {
                // Give the scripted model time to stream a few tokens, so there is a partial response to keep.
                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
                return job.GetProperty("id").GetString()!;
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    private static string Workflow(int tokensPerSecond, bool allowCancellation, string id = "two-steps") => $$$"""
        id: {{{id}}}
        name: Two scripted steps
        elements:
          - { id: start, type: StartEvent }
          - id: first
            type: AgenticTask
            properties:
              allowCancellation: {{{(allowCancellation ? "true" : "false")}}}
              agentProvider: scripted
              prompt: Say something about {{ topic }}.
              script:
                tokensPerSecond: {{{tokensPerSecond}}}
                text: This is a short scripted answer about the topic, long enough to stream for a while at a slow rate.
          - id: second
            type: AgenticTask
            properties:
              agentProvider: scripted
              prompt: "Summarise: {{ tasks.first.output }}"
              script:
                tokensPerSecond: {{{tokensPerSecond}}}
                text: Summary written.
          - { id: done, type: EndEvent, properties: { outcome: success } }
        flows:
          - { id: f1, source: start, target: first }
          - { id: f2, source: first, target: second }
          - { id: f3, source: second, target: done }
        """;
}

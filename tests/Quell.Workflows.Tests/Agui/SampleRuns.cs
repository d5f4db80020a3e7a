namespace Quell.Workflows.Tests.Agui;

/// <summary>Hand-made runs of the seed's customer-feedback workflow, one per way a run can go.</summary>
internal static class SampleRuns
{
    public static IReadOnlyDictionary<string, RunHistory> All { get; } = new Dictionary<string, RunHistory>
    {
        ["completed"] = Completed(),
        ["task-cancelled-mid-stream"] = TaskCancelledMidStream(),
        ["tool-cancelled"] = ToolCancelled(),
        ["run-cancelled-mid-message"] = RunCancelledMidMessage(),
        ["failure-end"] = FailureEnd(),
        ["job-failed"] = JobFailed(),
    };

    /// <summary>Every element completes; a streamed answer and two tools.</summary>
    public static RunHistory Completed() => new RunHistory("run-completed")
        .Created().JobStarted().WorkflowStarted(new { source = "demo", limit = 100 })
        .ElementStarted("start", "startEvent").ElementCompleted("start")
        .ElementStarted("fetch_data", "serviceTask").ElementCompleted("fetch_data", new { rows = 100 })
        .ElementStarted("analyze_sentiment").Cancellable("analyze_sentiment")
        .MessageStart("analyze_sentiment", "msg-1")
        .Delta("analyze_sentiment", "msg-1", "Customer sentiment ").Checkpoint("analyze_sentiment", "between_chunks")
        .Delta("analyze_sentiment", "msg-1", "appears generally positive.")
        .MessageEnd("analyze_sentiment", "msg-1")
        .Checkpoint("analyze_sentiment", "before_tool")
        .ToolStart("analyze_sentiment", "call-1", "analyze_sentiment", 1, new { text = "great product" }, parentMessageId: "msg-1")
        .ToolEnd("analyze_sentiment", "call-1", "analyze_sentiment", 1, result: new { score = 0.8 })
        .Checkpoint("analyze_sentiment", "after_tool")
        .ToolStart("analyze_sentiment", "call-2", "extract_keywords", 2, new { top = 3 })
        .ToolEnd("analyze_sentiment", "call-2", "extract_keywords", 2, result: "quality, service, price")
        .Add("task.usage", new { inputTokens = 120, outputTokens = 40, totalTokens = 160 }, "analyze_sentiment")
        .ElementCompleted("analyze_sentiment", new { analysis = "positive" })
        .ElementStarted("end_success", "endEvent").ElementCompleted("end_success")
        .WorkflowFinished("success").JobCompleted(new { outcome = "success" });

    /// <summary>
    /// Seed 001's scenario: the streaming task is cancelled at about 30 %; the gateway takes the Task C path, the
    /// parallel branch completes, and the run's outcome is "failed" (because of the cancel) at a failure end.
    /// </summary>
    public static RunHistory TaskCancelledMidStream() => new RunHistory("run-task-cancelled")
        .Created().JobStarted().WorkflowStarted(new { source = "demo" })
        .ElementStarted("fetch_data", "serviceTask").ElementCompleted("fetch_data", new { rows = 100 })
        .Gateway("fork", "to_analyze", "to_archive")
        .ElementStarted("analyze_sentiment").ElementStarted("archive", "serviceTask")
        .Cancellable("analyze_sentiment")
        .MessageStart("analyze_sentiment", "msg-1")
        .Delta("analyze_sentiment", "msg-1", "Customer sentiment appears generally positive. Key themes identified:\n")
        .Delta("analyze_sentiment", "msg-1", "1. Product quality - mostly satisfied\n")
        .CancelRequest("analyze_sentiment")
        .Delta("analyze_sentiment", "msg-1", "2. Customer service - ")
        .Cancelling("analyze_sentiment")
        .Checkpoint("analyze_sentiment", "between_chunks")
        // The task stops without its own message end: the projector closes the message before task.cancelled.
        .TaskCancelled("analyze_sentiment", new
        {
            partial_response = "Customer sentiment appears generally positive. Key themes identified:\n1. Product quality - mostly satisfied\n2. Customer service - ",
            tokens_used = 456,
            tool_results = Array.Empty<object>(),
            status = "cancelled",
            reason = "User cancelled while streaming",
        })
        .ElementFailed("analyze_sentiment", "Task cancelled by user")
        .ElementCompleted("archive", new { archived = 100 })
        .Gateway("after_analyze", "to_task_c")
        .ElementStarted("task_c", "serviceTask").ElementCompleted("task_c")
        .ElementStarted("end_failure", "endEvent").ElementCompleted("end_failure")
        .CancelFailed("analyze_sentiment", "Task already completed")
        .WorkflowFinished("failed", "Task analyze_sentiment was cancelled").JobCompleted(new { outcome = "failed" });

    /// <summary>Cancelled after tool 3 of 5 with a tool in flight (cancelInFlightTools): its end says cancelled.</summary>
    public static RunHistory ToolCancelled()
    {
        var run = new RunHistory("run-tool-cancelled")
            .Created().JobStarted().WorkflowStarted(new { source = "demo" })
            .ElementStarted("generate").Cancellable("generate");
        string[] tools = ["fetch_data", "analyze_sentiment", "extract_keywords"];
        for (var i = 0; i < tools.Length; i++)
        {
            run.Checkpoint("generate", "before_tool")
                .ToolStart("generate", $"call-{i + 1}", tools[i], i + 1, new { step = i + 1 })
                .ToolEnd("generate", $"call-{i + 1}", tools[i], i + 1, result: new { ok = true, step = i + 1 })
                .Checkpoint("generate", "after_tool");
        }
        return run
            .ToolStart("generate", "call-4", "generate_report", 4, new { format = "md" })
            .CancelRequest("generate").Cancelling("generate")
            .ToolEnd("generate", "call-4", "generate_report", 4, status: "cancelled", error: "Cancelled by the client")
            .TaskCancelled("generate", new
            {
                partial_response = "",
                tokens_used = 210,
                tool_results = new[] { new { tool = "fetch_data", status = "complete" } },
                status = "cancelled",
                reason = "User cancelled before tool #4 (generate_report)",
            })
            .ElementFailed("generate", "Task cancelled by user")
            .ElementStarted("end_failure", "endEvent").ElementCompleted("end_failure")
            .WorkflowFinished("failed", "Task generate was cancelled").JobCompleted();
    }

    /// <summary>The whole run is cancelled while a message streams and a user task waits.</summary>
    public static RunHistory RunCancelledMidMessage() => new RunHistory("run-cancelled")
        .Created().JobStarted().WorkflowStarted(new { source = "demo" })
        .ElementStarted("review", "userTask").Add("workflow.usertask.waiting", new { prompt = "Approve?" }, "review")
        .ElementStarted("analyze_sentiment").Cancellable("analyze_sentiment")
        .MessageStart("analyze_sentiment", "msg-1")
        .Delta("analyze_sentiment", "msg-1", "Analyzing customer feedback")
        .ToolStart("analyze_sentiment", "call-1", "fetch_data", 1, new { limit = 10 }, parentMessageId: "msg-1")
        .JobCancelRequested()
        .Add("job.cancelling", new { reason = "user_requested", message = "Stop the run" })
        .Delta("analyze_sentiment", "msg-1", " for sentiment")
        .JobCancelled();

    /// <summary>No cancel: the workflow reaches a failure end, so the AG-UI run ends in RUN_ERROR.</summary>
    public static RunHistory FailureEnd() => new RunHistory("run-failure-end")
        .Created().JobStarted().WorkflowStarted()
        .ElementStarted("fetch_data", "serviceTask").ElementFailed("fetch_data", "The demo data is missing.")
        .ElementStarted("end_failure", "endEvent").ElementCompleted("end_failure")
        .WorkflowFinished("failed", "fetch_data failed").JobCompleted();

    /// <summary>The run's handler is interrupted mid-message (a crash): RUN_ERROR after closing what is open.</summary>
    public static RunHistory JobFailed() => new RunHistory("run-job-failed")
        .Created().JobStarted().WorkflowStarted()
        .ElementStarted("analyze_sentiment").MessageStart("analyze_sentiment", "msg-1")
        .Delta("analyze_sentiment", "msg-1", "Partial")
        .JobFailed("Interrupted: the server stopped.");
}

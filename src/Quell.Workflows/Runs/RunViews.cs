using System.Text.Json;

namespace Quell.Workflows.Runs;

/// <summary>
/// A workflow run as its history tells it: the same document live (built event by event while it runs) and in
/// replay (built from the stored events alone), which is what makes replay exact.
/// </summary>
/// <param name="RunId">The run's id (its <c>workflow.run</c> job).</param>
/// <param name="WorkflowId">The workflow it runs.</param>
/// <param name="WorkflowName">The workflow's display name.</param>
/// <param name="Status">The run job's state: pending, running, cancelling, completed, failed or cancelled.</param>
/// <param name="Outcome">success, failed or cancelled once the run finished; null before.</param>
/// <param name="Variables">The run's input variables.</param>
/// <param name="Elements">Every element that started, in the order it started.</param>
/// <param name="Messages">Every streamed message (seed 001's messages table: status streaming, complete or cancelled).</param>
/// <param name="ToolCalls">Every tool call of every agentic task.</param>
/// <param name="LastSeq">The sequence number of the last stored event applied.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record RunView(
    string RunId,
    string? WorkflowId,
    string? WorkflowName,
    string Status,
    string? Outcome,
    JsonElement? Variables,
    IReadOnlyList<ElementView> Elements,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<ToolCallView> ToolCalls,
    long LastSeq,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>One element of a run.</summary>
/// <param name="ElementId">The element's id in the definition.</param>
/// <param name="ElementType">Its kind, such as <c>agenticTask</c>.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Status">running, waiting, cancelling, completed, failed or cancelled.</param>
/// <param name="Cancellable">True while it runs and may be cancelled (it sent <c>task.cancellable</c>).</param>
/// <param name="CancelRequest">The first cancel request, if any.</param>
/// <param name="Output">What it produced, once completed.</param>
/// <param name="PartialResult">What it kept when it was cancelled.</param>
/// <param name="Error">Why it failed, or why a cancel failed.</param>
/// <param name="TokensUsed">Model tokens used so far (agentic tasks).</param>
/// <param name="ChildJobId">The job that ran it, for a service task.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record ElementView(
    string ElementId,
    string? ElementType,
    string? Name,
    string Status,
    bool Cancellable,
    ElementCancelRequest? CancelRequest,
    JsonElement? Output,
    JsonElement? PartialResult,
    string? Error,
    long TokensUsed,
    string? ChildJobId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A request to cancel one element.</summary>
/// <param name="Reason">The cancellation reason, such as <c>user_requested</c>.</param>
/// <param name="Message">The human message.</param>
/// <param name="RequestedBy">Who asked, when known.</param>
/// <param name="At">When it was recorded.</param>
public sealed record ElementCancelRequest(string Reason, string? Message, string? RequestedBy, DateTimeOffset At);

/// <summary>One streamed message, with seed 001's columns.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="ElementId">The element that streamed it.</param>
/// <param name="Role">assistant.</param>
/// <param name="Content">The text streamed so far (all of it once complete).</param>
/// <param name="Status">streaming, complete or cancelled.</param>
/// <param name="Timestamp">When it started.</param>
/// <param name="Cancelled">True when it was cut short by a cancellation.</param>
/// <param name="CancellationReason">Why, when cancelled.</param>
/// <param name="Model">The model that wrote it (<c>{provider, name, scripted}</c>).</param>
public sealed record MessageView(
    string MessageId,
    string ElementId,
    string Role,
    string Content,
    string Status,
    DateTimeOffset Timestamp,
    bool Cancelled,
    string? CancellationReason,
    JsonElement? Model);

/// <summary>One tool call of an agentic task.</summary>
/// <param name="ToolCallId">The call's id.</param>
/// <param name="ElementId">The task that made it.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Index">Its position among the task's tool calls, from 1.</param>
/// <param name="Arguments">What the model passed.</param>
/// <param name="Status">running, complete, failed or cancelled.</param>
/// <param name="Result">What the tool returned.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ToolCallView(
    string ToolCallId,
    string ElementId,
    string Tool,
    int Index,
    JsonElement? Arguments,
    string Status,
    JsonElement? Result,
    string? Error);

namespace Quell.Mcp.Tasks;

/// <summary>
/// A task as the protocol shows it (spec 2025-11-25, basic/utilities/tasks): the job's state mapped onto
/// <c>working | completed | failed | cancelled</c>. The task id is the job id.
/// </summary>
/// <param name="TaskId">The job's id.</param>
/// <param name="Status">working, completed, failed or cancelled (Quell never asks for input).</param>
/// <param name="StatusMessage">What the job is doing, why it failed, or why it was cancelled.</param>
/// <param name="CreatedAt">When the job was accepted.</param>
/// <param name="LastUpdatedAt">Its latest state change.</param>
/// <param name="TtlMs">How long from creation the task is kept at least, in milliseconds.</param>
/// <param name="PollIntervalMs">The polling interval Quell suggests.</param>
internal sealed record McpTaskInfo(
    string TaskId,
    string Status,
    string? StatusMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    long TtlMs,
    long PollIntervalMs)
{
    public const string Working = "working";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public bool IsTerminal => Status is Completed or Failed or Cancelled;
}

/// <summary>One page of <c>tasks/list</c>; <paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record McpTaskPage(IReadOnlyList<McpTaskInfo> Tasks, string? NextCursor);

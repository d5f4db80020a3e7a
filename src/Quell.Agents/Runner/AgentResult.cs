using System.Text.Json.Serialization;

namespace Quell.Agents.Runner;

/// <summary>
/// How an agentic task ended, with the seed's snake_case names. Completed: <c>response</c>, <c>tokens_used</c>,
/// <c>tool_results</c>. Cancelled (the seed's partial result): <c>partial_response</c> (every text streamed so far),
/// <c>tokens_used</c>, the finished <c>tool_results</c>, <c>reason</c> naming where it stopped ("User cancelled before
/// tool #4 (generate_report)"), <c>reason_code</c> (<c>user_requested</c>, <c>resource_limit</c>, …),
/// <c>analysis</c> and the <c>checkpoint</c> where it noticed.
/// </summary>
public sealed record AgentResult
{
    /// <summary><see cref="Completed"/>.</summary>
    public const string Completed = "completed";

    /// <summary><see cref="Cancelled"/>.</summary>
    public const string Cancelled = "cancelled";

    /// <summary><c>completed</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The final answer (completed only).</summary>
    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Response { get; init; }

    /// <summary>The text streamed before the task stopped (cancelled only; may be empty).</summary>
    [JsonPropertyName("partial_response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartialResponse { get; init; }

    /// <summary>Tokens used, input and output, over all model calls.</summary>
    [JsonPropertyName("tokens_used")]
    public long TokensUsed { get; init; }

    /// <summary>The tool calls that finished.</summary>
    [JsonPropertyName("tool_results")]
    public IReadOnlyList<AgentToolResult> ToolResults { get; init; } = [];

    /// <summary>Where and why the task stopped (cancelled only).</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>The cancellation reason's wire name (cancelled only).</summary>
    [JsonPropertyName("reason_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasonCode { get; init; }

    /// <summary>"Analysis partially completed (cancelled by user)" and the like (cancelled only).</summary>
    [JsonPropertyName("analysis")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Analysis { get; init; }

    /// <summary>The checkpoint at which the task noticed the cancel (cancelled only).</summary>
    [JsonPropertyName("checkpoint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Checkpoint { get; init; }
}

using System.Text.Json;

namespace Quell.Agents.Tools;

/// <summary>How one tool call ended.</summary>
/// <param name="Status"><c>complete</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Result">The tool's result: its structured content, else its text parsed as JSON when it is JSON, else the text.</param>
/// <param name="Error">Why it failed.</param>
public sealed record AgentToolCallOutcome(string Status, JsonElement? Result, string? Error)
{
    /// <summary>The call finished with a result.</summary>
    public const string Complete = "complete";

    /// <summary>The tool reported an error, or the call broke.</summary>
    public const string Failed = "failed";

    /// <summary>The call was cancelled while it ran (<c>cancelInFlightTools</c>).</summary>
    public const string Cancelled = "cancelled";
}

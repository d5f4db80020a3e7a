using System.Text.Json;

namespace Quell.Workflows.Engine;

/// <summary>How one task element ended.</summary>
/// <param name="Status">completed, cancelled or failed.</param>
/// <param name="Output">The element's output (completed).</param>
/// <param name="ScopeOutput">What <c>tasks.&lt;id&gt;.output</c> reads in conditions and prompts (an agent's answer text).</param>
/// <param name="PartialResult">What it kept (cancelled).</param>
/// <param name="Reason">The cancellation reason's wire name (cancelled).</param>
/// <param name="Message">Why, for people (cancelled or failed).</param>
internal sealed record TaskEnd(string Status, JsonElement? Output, JsonElement? ScopeOutput, JsonElement? PartialResult, string? Reason, string? Message)
{
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static TaskEnd Done(JsonElement? output, JsonElement? scopeOutput = null) => new(Completed, output, scopeOutput ?? output, null, null, null);

    public static TaskEnd Stopped(JsonElement? partialResult, string reason, string? message) => new(Cancelled, null, null, partialResult, reason, message);

    public static TaskEnd Error(string message) => new(Failed, null, null, null, null, message);
}

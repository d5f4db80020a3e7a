using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quell.Agents.Runner;

/// <summary>One finished tool call in an <see cref="AgentResult"/>, in the seed's shape.</summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Result">What it returned.</param>
/// <param name="Status"><c>complete</c>, or <c>failed</c> when the tool reported an error.</param>
public sealed record AgentToolResult(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("status")] string Status);

using Quell.Agents.Events;

namespace Quell.Agents.Generate;

/// <summary>
/// What <c>llm.generate</c> produced: the result when it completes, and its one partial result while it streams and
/// after a cancel (then <see cref="Text"/> ends with <see cref="LlmGenerateJob.CancelledMarker"/>).
/// </summary>
/// <param name="Text">The text generated.</param>
/// <param name="TokensUsed">Tokens used, input and output.</param>
/// <param name="Status"><c>streaming</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Model">The model that wrote it (<c>scripted: true</c> for the scripted model).</param>
public sealed record LlmGenerateResult(string Text, long TokensUsed, string Status, AgentModelInfo Model);

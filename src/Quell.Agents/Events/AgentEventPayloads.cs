using System.Text.Json;

namespace Quell.Agents.Events;

// The payloads of AgentEventTypes, without elementId (the sink adds it). Field names are the wire names.

/// <summary>The model named in <c>task.message.start</c>.</summary>
/// <param name="Provider">The provider (<c>scripted</c>, <c>openai</c>).</param>
/// <param name="Name">The model id.</param>
/// <param name="Scripted">True for the scripted model, so no surface can mistake it for a real one.</param>
public sealed record AgentModelInfo(string Provider, string Name, bool Scripted);

internal sealed record MessageStartPayload(string MessageId, string Role, AgentModelInfo Model);

internal sealed record MessageDeltaPayload(string MessageId, string Delta);

internal sealed record MessageEndPayload(string MessageId, string Status);

internal sealed record ToolStartPayload(string ToolCallId, string Tool, JsonElement Arguments, int Index, string? ParentMessageId);

internal sealed record ToolEndPayload(string ToolCallId, string Tool, int Index, string Status, JsonElement? Result, string? Error);

internal sealed record RetryPayload(int Attempt, long DelayMs, string Error);

internal sealed record CheckpointPayload(string Name, string? Detail);

internal sealed record UsagePayload(long InputTokens, long OutputTokens, long TotalTokens);

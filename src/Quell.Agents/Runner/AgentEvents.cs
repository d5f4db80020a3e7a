using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quell.Agents.Events;
using Quell.Agents.Tools;

namespace Quell.Agents.Runner;

/// <summary>
/// Writes a run's <see cref="AgentEventTypes"/> events in their documented shapes. Writes ignore the run's
/// cancellation: the events that record a stop are written after it.
/// </summary>
internal sealed class AgentEvents(IAgentEventSink sink)
{
    public Task MessageStartAsync(string messageId, AgentModelInfo model) =>
        EmitAsync(AgentEventTypes.MessageStart, new MessageStartPayload(messageId, "assistant", model), AgentEventJsonContext.Default.MessageStartPayload);

    public Task MessageDeltaAsync(string messageId, string delta) =>
        EmitAsync(AgentEventTypes.MessageDelta, new MessageDeltaPayload(messageId, delta), AgentEventJsonContext.Default.MessageDeltaPayload);

    public Task MessageEndAsync(string messageId, string status) =>
        EmitAsync(AgentEventTypes.MessageEnd, new MessageEndPayload(messageId, status), AgentEventJsonContext.Default.MessageEndPayload);

    public Task ToolStartAsync(string toolCallId, string tool, JsonElement arguments, int index, string? parentMessageId) =>
        EmitAsync(AgentEventTypes.ToolStart, new ToolStartPayload(toolCallId, tool, arguments, index, parentMessageId),
            AgentEventJsonContext.Default.ToolStartPayload);

    public Task ToolEndAsync(string toolCallId, string tool, int index, AgentToolCallOutcome outcome) =>
        EmitAsync(AgentEventTypes.ToolEnd, new ToolEndPayload(toolCallId, tool, index, outcome.Status, outcome.Result, outcome.Error),
            AgentEventJsonContext.Default.ToolEndPayload);

    public Task RetryAsync(int attempt, TimeSpan delay, string error) =>
        EmitAsync(AgentEventTypes.Retry, new RetryPayload(attempt, (long)delay.TotalMilliseconds, error), AgentEventJsonContext.Default.RetryPayload);

    public Task CheckpointAsync(string name, string? detail) =>
        EmitAsync(AgentEventTypes.Checkpoint, new CheckpointPayload(name, detail), AgentEventJsonContext.Default.CheckpointPayload);

    public Task UsageAsync(TokenMeter tokens) =>
        EmitAsync(AgentEventTypes.Usage, new UsagePayload(tokens.Input, tokens.Output, tokens.Total), AgentEventJsonContext.Default.UsagePayload);

    private Task EmitAsync<T>(string type, T payload, JsonTypeInfo<T> typeInfo) =>
        sink.EmitAsync(type, JsonSerializer.SerializeToElement(payload, typeInfo), CancellationToken.None);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quell.Workflows.Agui;

/// <summary>
/// The messages a client has built from the events sent so far, built the way <c>@ag-ui/client</c> builds them
/// (its <c>defaultApplyEvents</c>): a text message starts with empty content and accumulates deltas; a tool call joins
/// its parent assistant message, or a new assistant message named after the parent id or the call id; a tool result
/// is inserted after the assistant message that made the call; metadata is merged key by key. A re-attaching client
/// gets these in <c>MESSAGES_SNAPSHOT</c> and so ends with the same messages as one that watched live.
/// </summary>
internal sealed class AguiMessageLog
{
    private readonly List<Entry> _messages = [];

    public void StartText(string messageId, string role, JsonElement? metadata)
    {
        var message = Find(messageId);
        if (message is null)
        {
            message = new Entry(messageId, role) { Content = "" };
            _messages.Add(message);
        }
        message.MergeMetadata(metadata);
    }

    public void AppendText(string messageId, string delta)
    {
        if (Find(messageId) is { } message) message.Content = (message.Content ?? "") + delta;
    }

    public void EndText(string messageId, JsonElement? metadata) => Find(messageId)?.MergeMetadata(metadata);

    public void StartToolCall(string toolCallId, string name, string? parentMessageId)
    {
        if (FindToolCall(toolCallId) is { } existing)
        {
            existing.Name = name;
            return;
        }
        var owner = OwnerFor(toolCallId, parentMessageId);
        (owner.ToolCalls ??= []).Add(new ToolCallEntry(toolCallId, name));
    }

    public void AppendToolCallArgs(string toolCallId, string delta)
    {
        if (FindToolCall(toolCallId) is { } call) call.Arguments += delta;
    }

    public void AddToolResult(string messageId, string toolCallId, string content)
    {
        var result = new Entry(messageId, "tool") { Content = content, ToolCallId = toolCallId };
        var caller = _messages.FindIndex(m => m.Role == "assistant" && m.ToolCalls?.Exists(c => c.Id == toolCallId) == true);
        if (caller < 0)
        {
            _messages.Add(result);
            return;
        }
        var at = caller + 1;
        while (at < _messages.Count && _messages[at].Role == "tool") at++;
        _messages.Insert(at, result);
    }

    public IReadOnlyList<AguiMessage> ToMessages() => _messages.ConvertAll(m => m.ToMessage());

    // As the client's TOOL_CALL_START does: the parent if it is an assistant message; a new assistant message named
    // after the parent id when no message has it; named after the call id when there is no parent or it is not an
    // assistant message.
    private Entry OwnerFor(string toolCallId, string? parentMessageId)
    {
        var parent = parentMessageId is null ? null : Find(parentMessageId);
        if (parent is { Role: "assistant" }) return parent;
        var owner = new Entry(parent is null && parentMessageId is not null ? parentMessageId : toolCallId, "assistant");
        _messages.Add(owner);
        return owner;
    }

    private Entry? Find(string id) => _messages.Find(m => m.Id == id);

    private ToolCallEntry? FindToolCall(string id)
    {
        foreach (var message in _messages)
        {
            if (message.ToolCalls?.Find(c => c.Id == id) is { } call) return call;
        }
        return null;
    }

    private sealed class Entry(string id, string role)
    {
        public string Id { get; } = id;
        public string Role { get; } = role;
        public string? Content { get; set; }
        public string? ToolCallId { get; init; }
        public List<ToolCallEntry>? ToolCalls { get; set; }
        private JsonObject? _metadata;

        public void MergeMetadata(JsonElement? incoming)
        {
            if (incoming is not { ValueKind: JsonValueKind.Object } value) return;
            _metadata ??= [];
            foreach (var property in value.EnumerateObject()) _metadata[property.Name] = EventData.ToNode(property.Value);
        }

        public AguiMessage ToMessage() => new(Id, Role)
        {
            Content = Content,
            ToolCallId = ToolCallId,
            ToolCalls = ToolCalls?.ConvertAll(c => new AguiToolCall(c.Id, new AguiFunctionCall(c.Name, c.Arguments))),
            Metadata = _metadata is null ? null : EventData.ToElement(_metadata),
        };
    }

    private sealed class ToolCallEntry(string id, string name)
    {
        public string Id { get; } = id;
        public string Name { get; set; } = name;
        public string Arguments { get; set; } = "";
    }
}

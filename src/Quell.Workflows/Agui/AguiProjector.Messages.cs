using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quell.Workflows.Agui;

/// <content>Streamed messages and tool calls.</content>
public sealed partial class AguiProjector
{
    private static readonly string[] TextRoles = ["assistant", "user", "system", "developer"];

    private readonly List<OpenMessage> _openMessages = [];
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenToolCalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _answeredToolCalls = new(StringComparer.Ordinal);

    /// <summary>How the projector closes a message whose own end was never recorded (its <c>metadata.status</c>).</summary>
    private enum ClosedAs
    {
        Cancelled,
        Interrupted,
    }

    private sealed record OpenMessage(TextMessageStartEvent Start, string? ElementId);

    private void OnMessageStart(JsonElement data, string? elementId)
    {
        if (EventData.String(data, "messageId") is not { } messageId || _seenMessages.Contains(messageId)) return;
        var role = EventData.String(data, "role") is { } r && TextRoles.Contains(r) ? r : "assistant";
        var metadata = new JsonObject();
        if (elementId is not null) metadata["elementId"] = elementId;
        if (EventData.Property(data, "model") is { } model) metadata["model"] = EventData.ToNode(model);
        OpenText(messageId, role, metadata, elementId);
    }

    private void OnMessageDelta(JsonElement data, string? elementId)
    {
        if (EventData.String(data, "messageId") is not { } messageId) return;
        if (EventData.String(data, "delta") is not { Length: > 0 } delta) return;
        // A delta for a message whose start is missing opens it; one after its end is dropped (the client refuses it).
        if (!_seenMessages.Contains(messageId))
        {
            OpenText(messageId, "assistant", elementId is null ? [] : new JsonObject { ["elementId"] = elementId }, elementId);
        }
        if (!_openMessages.Exists(m => m.Start.MessageId == messageId)) return;
        Emit(new TextMessageContentEvent(messageId, delta));
        _messages.AppendText(messageId, delta);
    }

    private void OnMessageEnd(JsonElement data)
    {
        if (EventData.String(data, "messageId") is not { } messageId) return;
        var status = EventData.String(data, "status");
        CloseMessage(messageId, status is null ? null : new JsonObject { ["status"] = status });
    }

    private void OnToolStart(JsonElement data)
    {
        if (EventData.String(data, "toolCallId") is not { } toolCallId || !_seenToolCalls.Add(toolCallId)) return;
        Begin();
        var name = EventData.String(data, "tool") ?? "";
        var parent = EventData.String(data, "parentMessageId");
        // The arguments are whole when the call starts, so the call's AG-UI span (START, ARGS, END) is sent at once;
        // the tool then runs until TOOL_CALL_RESULT, so a tool call is never left open.
        Emit(new ToolCallStartEvent(toolCallId, name) { ParentMessageId = parent });
        _messages.StartToolCall(toolCallId, name, parent);
        if (EventData.Property(data, "arguments") is { } arguments)
        {
            var text = EventData.ToText(arguments);
            Emit(new ToolCallArgsEvent(toolCallId, text));
            _messages.AppendToolCallArgs(toolCallId, text);
        }
        Emit(new ToolCallEndEvent(toolCallId));
    }

    private void OnToolEnd(JsonElement data)
    {
        if (EventData.String(data, "toolCallId") is not { } toolCallId || !_answeredToolCalls.Add(toolCallId)) return;
        Begin();
        var content = ResultText(data);
        var messageId = toolCallId + ":result";
        Emit(new ToolCallResultEvent(messageId, toolCallId, content));
        _messages.AddToolResult(messageId, toolCallId, content);
    }

    // A completed call's result as text; a failed or cancelled call says so in a small JSON object, since AG-UI's
    // TOOL_CALL_RESULT has no error field.
    private static string ResultText(JsonElement data)
    {
        var status = EventData.String(data, "status") ?? "complete";
        if (status == "complete") return EventData.Property(data, "result") is { } result ? EventData.ToText(result) : "";
        var text = new JsonObject { ["status"] = status };
        if (EventData.String(data, "error") is { } error) text["error"] = error;
        return EventData.ToElement(text).GetRawText();
    }

    private void OpenText(string messageId, string role, JsonObject metadata, string? elementId)
    {
        Begin();
        _seenMessages.Add(messageId);
        var metadataElement = metadata.Count == 0 ? (JsonElement?)null : EventData.ToElement(metadata);
        var start = new TextMessageStartEvent(messageId, role) { Metadata = metadataElement, Timestamp = _lastTime };
        _emitted.Add(start);
        _openMessages.Add(new OpenMessage(start, elementId));
        _messages.StartText(messageId, role, metadataElement);
    }

    private void CloseMessage(string messageId, JsonObject? metadata)
    {
        var index = _openMessages.FindIndex(m => m.Start.MessageId == messageId);
        if (index < 0) return;
        _openMessages.RemoveAt(index);
        var metadataElement = metadata is null ? (JsonElement?)null : EventData.ToElement(metadata);
        Emit(new TextMessageEndEvent(messageId) { Metadata = metadataElement });
        _messages.EndText(messageId, metadataElement);
    }

    /// <summary>Closes the open messages of one element (all of them when <paramref name="elementId"/> is null).</summary>
    private void CloseMessages(string? elementId, ClosedAs closedAs)
    {
        var status = closedAs == ClosedAs.Cancelled ? "cancelled" : "interrupted";
        foreach (var open in _openMessages.Where(m => elementId is null || m.ElementId == elementId).ToList())
        {
            CloseMessage(open.Start.MessageId, new JsonObject { ["status"] = status });
        }
    }
}

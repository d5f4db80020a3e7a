using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

/// <summary>
/// What a client holds after applying a stream (messages and state), folded from AG-UI events alone, the way
/// @ag-ui/client's defaultApplyEvents does. Used to check that a re-attached stream ends where the live one does.
/// </summary>
internal sealed class AguiClientModel
{
    private readonly List<JsonObject> _messages = [];
    private JsonElement? _state;

    public static AguiClientModel Apply(IEnumerable<AguiEvent> events)
    {
        var model = new AguiClientModel();
        foreach (var e in events) model.Apply(e);
        return model;
    }

    public JsonArray Messages => new(_messages.Select(m => (JsonNode)m.DeepClone()).ToArray());
    public JsonNode? State => _state is { } s ? JsonNode.Parse(s.GetRawText()) : null;

    private void Apply(AguiEvent e)
    {
        switch (e)
        {
            case TextMessageStartEvent s:
                var message = Find(s.MessageId);
                if (message is null)
                {
                    message = new JsonObject { ["id"] = s.MessageId, ["role"] = s.Role, ["content"] = "" };
                    _messages.Add(message);
                }
                Merge(message, s.Metadata);
                break;
            case TextMessageContentEvent c:
                var target = Find(c.MessageId)!;
                target["content"] = (string)target["content"]! + c.Delta;
                break;
            case TextMessageEndEvent end:
                Merge(Find(end.MessageId)!, end.Metadata);
                break;
            case ToolCallStartEvent t:
                var parent = t.ParentMessageId is null ? null : Find(t.ParentMessageId);
                if (parent is null || (string)parent["role"]! != "assistant")
                {
                    parent = new JsonObject { ["id"] = parent is null && t.ParentMessageId is not null ? t.ParentMessageId : t.ToolCallId, ["role"] = "assistant", ["toolCalls"] = new JsonArray() };
                    _messages.Add(parent);
                }
                if (parent["toolCalls"] is not JsonArray calls) parent["toolCalls"] = calls = [];
                calls.Add(new JsonObject { ["id"] = t.ToolCallId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = t.ToolCallName, ["arguments"] = "" } });
                break;
            case ToolCallArgsEvent a:
                var function = FindCall(a.ToolCallId)["function"]!;
                function["arguments"] = (string)function["arguments"]! + a.Delta;
                break;
            case ToolCallResultEvent r:
                var result = new JsonObject { ["id"] = r.MessageId, ["role"] = "tool", ["content"] = r.Content, ["toolCallId"] = r.ToolCallId };
                var caller = _messages.FindIndex(m => m["toolCalls"] is JsonArray cs && cs.Any(c => (string)c!["id"]! == r.ToolCallId));
                if (caller < 0) { _messages.Add(result); break; }
                var at = caller + 1;
                while (at < _messages.Count && (string)_messages[at]["role"]! == "tool") at++;
                _messages.Insert(at, result);
                break;
            case MessagesSnapshotEvent snapshot:
                _messages.Clear();
                foreach (var m in snapshot.Messages)
                {
                    _messages.Add(JsonSerializer.SerializeToNode(m, AguiJsonContext.Default.AguiMessage)!.AsObject());
                }
                break;
            case StateSnapshotEvent state:
                _state = state.Snapshot;
                break;
        }
    }

    private JsonObject? Find(string id) => _messages.Find(m => (string)m["id"]! == id);

    private JsonObject FindCall(string id) => _messages
        .SelectMany(m => m["toolCalls"] is JsonArray cs ? cs.Select(c => c!.AsObject()) : [])
        .First(c => (string)c["id"]! == id);

    private static void Merge(JsonObject message, JsonElement? metadata)
    {
        if (metadata is not { } value) return;
        if (message["metadata"] is not JsonObject existing) message["metadata"] = existing = [];
        foreach (var p in value.EnumerateObject()) existing[p.Name] = JsonNode.Parse(p.Value.GetRawText());
    }
}

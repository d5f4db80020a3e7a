using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quell.Workflows.Agui;

/// <summary>
/// The AG-UI shared state of a run, sent whole in <c>STATE_SNAPSHOT</c>:
/// <c>{workflowId?, variables, elements: {id: {status, type?, name?, output?, error?, input?, prompt?, flows?,
/// reason?, message?, partialResult?}}, outcome?, reason?}</c>. Element status is <c>running</c>, <c>waiting</c>,
/// <c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>interrupted</c>; <c>cancelled</c> sticks, so an
/// element failure recorded after a task's cancellation does not hide it.
/// </summary>
internal sealed class AguiRunState
{
    private readonly JsonObject _document = new() { ["variables"] = new JsonObject(), ["elements"] = new JsonObject() };

    private JsonObject Elements => (JsonObject)_document["elements"]!;

    public void Started(JsonElement data)
    {
        if (EventData.String(data, "workflowId") is { } workflowId) _document["workflowId"] = workflowId;
        if (EventData.Property(data, "variables") is { ValueKind: JsonValueKind.Object } variables)
        {
            _document["variables"] = EventData.ToNode(variables);
        }
    }

    public void ElementStarted(string elementId, JsonElement data)
    {
        // A new start of the element (a loop, a restart) begins a fresh entry.
        var element = new JsonObject { ["status"] = "running" };
        Copy(data, "elementType", element, "type");
        Copy(data, "name", element, "name");
        Elements[elementId] = element;
    }

    public void ElementEnded(string elementId, string status, JsonElement data, params string[] fields)
    {
        var element = Element(elementId);
        if ((string?)element["status"] != "cancelled") element["status"] = status;
        foreach (var field in fields) Copy(data, field, element, field);
    }

    public void ElementUpdated(string elementId, string? status, JsonElement data, params string[] fields)
    {
        var element = Element(elementId);
        if (status is not null && (string?)element["status"] != "cancelled") element["status"] = status;
        foreach (var field in fields) Copy(data, field, element, field);
    }

    /// <summary>Marks elements the run left running as <paramref name="status"/> when it ends.</summary>
    public void StopRunning(IEnumerable<string> elementIds, string status)
    {
        foreach (var id in elementIds)
        {
            var element = Element(id);
            if ((string?)element["status"] is "running" or "waiting") element["status"] = status;
        }
    }

    public void Finished(string outcome, string? reason)
    {
        _document["outcome"] = outcome;
        if (reason is not null) _document["reason"] = reason;
    }

    public JsonElement ToElement() => EventData.ToElement(_document);

    private JsonObject Element(string elementId)
    {
        if (Elements[elementId] is JsonObject element) return element;
        element = new JsonObject { ["status"] = "running" };
        Elements[elementId] = element;
        return element;
    }

    private static void Copy(JsonElement data, string from, JsonObject to, string name)
    {
        if (EventData.Property(data, from) is { } value) to[name] = EventData.ToNode(value);
    }
}

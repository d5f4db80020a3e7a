using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>
/// Builds an element from its type and its properties map. Both formats call this, so a property means the same
/// in YAML and in BPMN and is checked the same way.
/// </summary>
internal static class ElementBinder
{
    private static readonly string[] TaskCommon = ["allowCancellation", "custom"];

    /// <summary>Returns the element, or <see langword="null"/> if its properties had errors (already reported).</summary>
    public static WorkflowElement? Bind(string type, string id, string? name, MapReader properties, EndOutcome defaultOutcome)
    {
        var errorsBefore = properties.Errors.Count;
        var element = type switch
        {
            ElementTypes.StartEvent => Done(new StartEvent(id, name), properties),
            ElementTypes.EndEvent => BindEnd(id, name, properties, defaultOutcome),
            ElementTypes.ExclusiveGateway => Done(new ExclusiveGateway(id, name, null), properties),
            ElementTypes.ParallelGateway => Done(new ParallelGateway(id, name), properties),
            ElementTypes.AgenticTask => WithTaskCommon(AgentBinder.Bind(id, name, properties), properties, AgentBinder.Known),
            ElementTypes.ServiceTask => WithTaskCommon(BindService(id, name, properties), properties, ["jobType", "input"]),
            ElementTypes.UserTask => WithTaskCommon(new UserTask(id, name, Template(properties, "prompt")), properties, ["prompt"]),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an element type"),
        };
        // An element is only kept if reading it added no error; MapReader reports into the shared list.
        return properties.Errors.Count > errorsBefore ? null : element;
    }

    private static WorkflowElement Done(WorkflowElement element, MapReader properties, params string[] known)
    {
        properties.RejectUnknown(known);
        return element;
    }

    private static EndEvent BindEnd(string id, string? name, MapReader properties, EndOutcome defaultOutcome)
    {
        var outcome = defaultOutcome;
        switch (properties.String("outcome"))
        {
            case null: break;
            case "success": outcome = EndOutcome.Success; break;
            case "failure": outcome = EndOutcome.Failure; break;
            case var other:
                properties.Error(properties.Node("outcome")!.Position, "outcome", $"expected success or failure, got \"{other}\"");
                break;
        }
        properties.RejectUnknown(["outcome"]);
        return new EndEvent(id, name, outcome);
    }

    private static ServiceTask BindService(string id, string? name, MapReader properties)
    {
        var jobType = properties.String("jobType", required: true) ?? "";
        var input = properties.Node("input");
        if (input is not (null or MapNode or ScalarNode { IsNull: true }))
            properties.Error(input.Position, "input", $"expected a map, got {input.KindName}");
        return new ServiceTask(id, name, jobType, input is MapNode map ? NodeJson.ToElement(map) : null);
    }

    private static WorkflowTask? WithTaskCommon(WorkflowTask? task, MapReader properties, IEnumerable<string> known)
    {
        var allowCancellation = properties.Bool("allowCancellation", fallback: false);
        var custom = properties.Node("custom");
        if (custom is not (null or MapNode or ScalarNode { IsNull: true }))
            properties.Error(custom.Position, "custom", $"expected a map, got {custom.KindName}");
        properties.RejectUnknown(TaskCommon.Concat(known));
        return task is null ? null : task with
        {
            AllowCancellation = allowCancellation,
            Custom = custom is MapNode map ? NodeJson.ToDictionary(map) : task.Custom,
        };
    }

    /// <summary>Reads a text that may hold <c>{{paths}}</c>, reporting malformed placeholders.</summary>
    public static string? Template(MapReader properties, string key, bool required = false)
    {
        var text = properties.Text(key, required);
        if (text is null) return null;
        try
        {
            Expressions.TextTemplate.Validate(text);
        }
        catch (Expressions.ExpressionSyntaxException e)
        {
            properties.Error(properties.Node(key)!.Position, key, $"bad placeholder at character {e.Position + 1}: {e.Message}");
        }
        return text;
    }
}

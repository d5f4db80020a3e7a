using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>Reads Quell's YAML format (<c>id</c>, <c>name</c>, <c>elements:</c>, <c>flows:</c>) into a draft.</summary>
internal static class YamlWorkflowReader
{
    private static readonly string[] RootKeys = ["id", "name", "version", "description", "elements", "flows"];
    private static readonly string[] ElementKeys = ["id", "type", "name", "properties"];
    private static readonly string[] FlowKeys = ["id", "source", "target", "name", "condition", "default"];

    public static WorkflowDraft? Read(string text, LoadErrors errors)
    {
        var tree = YamlTreeReader.Read(text, errors);
        if (tree is null) return null;
        if (tree is not MapNode rootMap)
        {
            errors.Add(tree.Position, null, null, $"expected a map with 'id', 'elements' and 'flows' at the top, got {tree.KindName}");
            return null;
        }
        var root = new MapReader(rootMap, "", null, errors);
        var draft = new WorkflowDraft
        {
            Id = root.String("id", required: true),
            Name = root.String("name"),
            Version = root.String("version"),
            Description = root.Text("description"),
            Position = root.Position,
        };
        if (!root.Has("elements")) errors.Add(root.Position, null, "elements", "'elements' is required");
        var elements = root.List("elements") ?? [];
        for (var i = 0; i < elements.Count; i++) ReadElement(root, i, elements[i], draft);
        var flows = root.List("flows") ?? [];
        for (var i = 0; i < flows.Count; i++) ReadFlow(root, i, flows[i], draft);
        root.RejectUnknown(RootKeys);
        return draft;
    }

    private static void ReadElement(MapReader root, int index, SourceNode node, WorkflowDraft draft)
    {
        if (node is not MapNode map)
        {
            root.Error(node.Position, $"elements[{index}]", $"expected a map with 'id' and 'type', got {node.KindName}");
            return;
        }
        var idProbe = map.Entries.FirstOrDefault(e => e.Key == "id")?.Value as ScalarNode;
        var element = new MapReader(map, "", idProbe?.Value, root.Errors);
        var id = element.String("id", required: true);
        var type = element.String("type", required: true);
        var name = element.String("name");
        var propertiesNode = element.Node("properties");
        element.RejectUnknown(ElementKeys);
        if (id is null || type is null) return;
        if (!ElementTypes.All.Contains(type))
        {
            element.Error(element.Node("type")!.Position, "type", $"unknown element type \"{type}\"; expected one of: {string.Join(", ", ElementTypes.All)}");
            return;
        }
        var properties = propertiesNode switch
        {
            MapNode p => new MapReader(p, "", id, root.Errors),
            null or ScalarNode { IsNull: true } => new MapReader(new MapNode(map.Position, []), "", id, root.Errors),
            _ => null,
        };
        if (properties is null)
        {
            element.Error(propertiesNode!.Position, "properties", $"expected a map, got {propertiesNode.KindName}");
            draft.Elements.Add(new DraftElement(id, type, map.Position, null));
            return;
        }
        var bound = ElementBinder.Bind(type, id, name, properties, EndOutcome.Success);
        draft.Elements.Add(new DraftElement(id, type, map.Position, bound));
    }

    private static void ReadFlow(MapReader root, int index, SourceNode node, WorkflowDraft draft)
    {
        if (node is not MapNode map)
        {
            root.Error(node.Position, $"flows[{index}]", $"expected a map with 'source' and 'target', got {node.KindName}");
            return;
        }
        var idProbe = map.Entries.FirstOrDefault(e => e.Key == "id")?.Value as ScalarNode;
        var flow = new MapReader(map, "", idProbe?.Value, root.Errors);
        var source = flow.String("source", required: true);
        var target = flow.String("target", required: true);
        // A flow's id is optional in YAML; the generated one is stable, so events and URLs can name the flow.
        var id = flow.String("id") ?? $"flow_{source}_{target}";
        var condition = flow.String("condition");
        var draftFlow = new DraftFlow(id, source ?? "", target ?? "", map.Position)
        {
            SourceAt = flow.Node("source")?.Position ?? map.Position,
            TargetAt = flow.Node("target")?.Position ?? map.Position,
            Condition = condition,
            ConditionAt = flow.Node("condition")?.Position ?? map.Position,
            IsDefault = flow.Bool("default", fallback: false),
            Name = flow.String("name"),
        };
        flow.RejectUnknown(FlowKeys);
        if (source is not null && target is not null) draft.Flows.Add(draftFlow);
    }
}

using System.Xml.Linq;
using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>
/// Maps one BPMN flow node to our element types. An agentic task is a <c>bpmn:serviceTask</c> with
/// <c>quell:type="agentic"</c> (a modeler draws it as a service task, which is what it is: a call to a model); any
/// other service task runs a job type.
/// </summary>
internal static class BpmnElementReader
{
    public static void Read(XElement node, WorkflowDraft draft, LoadErrors errors)
    {
        var at = XmlPropertyReader.At(node);
        var id = (string?)node.Attribute("id");
        var kind = node.Name.LocalName;
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(at, null, "id", $"a bpmn:{kind} needs an 'id'");
            return;
        }
        var type = TypeOf(node, id, errors);
        if (type is null) return;
        var properties = Properties(node, id, errors);
        var outcome = node.Element(BpmnNames.Bpmn + "errorEventDefinition") is null ? EndOutcome.Success : EndOutcome.Failure;
        var element = ElementBinder.Bind(type, id, (string?)node.Attribute("name"), new MapReader(properties, "", id, errors), outcome);
        draft.Elements.Add(new DraftElement(id, type, at, element));
        if (node.Attribute("default") is { } defaultFlow && type == ElementTypes.ExclusiveGateway)
            draft.GatewayDefaults[id] = (defaultFlow.Value, XmlPropertyReader.At(defaultFlow));
    }

    private static string? TypeOf(XElement node, string id, LoadErrors errors)
    {
        var at = XmlPropertyReader.At(node);
        var kind = node.Name.LocalName;
        var eventDefinitions = node.Elements().Where(e => e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        switch (kind)
        {
            case "startEvent" when eventDefinitions.Count == 0:
                return ElementTypes.StartEvent;
            case "endEvent" when eventDefinitions.All(e => e.Name == BpmnNames.Bpmn + "errorEventDefinition"):
                return ElementTypes.EndEvent;
            case "startEvent" or "endEvent":
                errors.Add(XmlPropertyReader.At(eventDefinitions[0]), id, null,
                    $"a bpmn:{kind} with a {eventDefinitions[0].Name.LocalName} is not supported; only plain start events and plain or error end events are");
                return null;
            case "serviceTask":
                return ServiceTaskType(node, id, errors);
            case "userTask":
                return ElementTypes.UserTask;
            case "exclusiveGateway":
                return ElementTypes.ExclusiveGateway;
            case "parallelGateway":
                return ElementTypes.ParallelGateway;
            case "task":
                errors.Add(at, id, null, "a plain bpmn:task has no behaviour; use a bpmn:serviceTask (with quell:type=\"agentic\" for an LLM task) or a bpmn:userTask");
                return null;
            default:
                errors.Add(at, id, null, $"unknown element type bpmn:{kind}; supported: startEvent, endEvent, serviceTask, userTask, exclusiveGateway, parallelGateway, sequenceFlow");
                return null;
        }
    }

    private static string? ServiceTaskType(XElement node, string id, LoadErrors errors)
    {
        var type = node.Attribute(BpmnNames.Quell + "type");
        switch (type?.Value)
        {
            case null or "job": return ElementTypes.ServiceTask;
            case "agentic": return ElementTypes.AgenticTask;
            default:
                errors.Add(XmlPropertyReader.At(type), id, "quell:type", $"unknown service task type \"{type.Value}\"; expected agentic or job");
                return null;
        }
    }

    private static MapNode Properties(XElement node, string id, LoadErrors errors)
    {
        var extensions = node.Element(BpmnNames.Bpmn + "extensionElements");
        var all = extensions?.Elements(BpmnNames.Quell + "properties").ToList() ?? [];
        foreach (var extra in all.Skip(1))
            errors.Add(XmlPropertyReader.At(extra), id, null, "an element holds at most one quell:properties");
        foreach (var unknown in extensions?.Elements().Where(e => e.Name.Namespace == BpmnNames.Quell && e.Name.LocalName != "properties") ?? [])
            errors.Add(XmlPropertyReader.At(unknown), id, null, $"unknown extension element quell:{unknown.Name.LocalName}; Quell's properties go in quell:properties");
        return all.Count > 0
            ? XmlPropertyReader.Read(all[0], id, errors)
            : new MapNode(XmlPropertyReader.At(node), []) { FromXml = true };
    }
}

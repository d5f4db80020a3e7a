using System.Xml;
using System.Xml.Linq;
using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>
/// Reads a BPMN 2.0 document (as a modeler such as bpmn-js saves it) into a draft: the one <c>bpmn:process</c>, its
/// flow nodes and sequence flows, Quell's <c>quell:properties</c> extension elements, and the diagram kept as XML.
/// </summary>
internal static class BpmnWorkflowReader
{
    // Elements a modeler writes that carry no behaviour for us.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group", "incoming", "outgoing",
    };

    public static (WorkflowDraft? Draft, BpmnSource? Source) Read(string text, LoadErrors errors)
    {
        var document = Parse(text, errors);
        if (document?.Root is not { } root) return (null, null);
        if (root.Name != BpmnNames.Bpmn + "definitions")
        {
            errors.Add(XmlPropertyReader.At(root), null, null, $"expected a bpmn:definitions root element in the namespace {BpmnNames.Bpmn}, got {root.Name}");
            return (null, null);
        }
        var diagram = root.Element(BpmnNames.BpmnDi + "BPMNDiagram");
        var source = new BpmnSource(text, diagram?.ToString(SaveOptions.DisableFormatting));
        var processes = root.Elements(BpmnNames.Bpmn + "process").ToList();
        if (processes.Count == 0)
        {
            errors.Add(XmlPropertyReader.At(root), null, null, "the document has no bpmn:process");
            return (null, source);
        }
        foreach (var extra in processes.Skip(1))
            errors.Add(XmlPropertyReader.At(extra), (string?)extra.Attribute("id"), null, "a workflow file holds exactly one bpmn:process");
        return (ReadProcess(processes[0], errors), source);
    }

    private static XDocument? Parse(string text, LoadErrors errors)
    {
        // No DTDs and no resolver: a workflow file must not make the server read other files or expand entities.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        try
        {
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.LineNumber == 0 && text.Contains("<!DOCTYPE", StringComparison.Ordinal))
        {
            // The reader refuses a DTD before it counts lines, so find the declaration ourselves.
            var before = text[..text.IndexOf("<!DOCTYPE", StringComparison.Ordinal)];
            var line = before.Count(c => c == '\n') + 1;
            errors.Add(new SourcePosition(line, before.Length - before.LastIndexOf('\n')), null, null,
                "not well-formed XML: a DTD (<!DOCTYPE ...>) is not allowed in a workflow file");
            return null;
        }
        catch (XmlException e)
        {
            errors.Add(new SourcePosition(Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1)), null, null, "not well-formed XML: " + e.Message);
            return null;
        }
    }

    private static WorkflowDraft ReadProcess(XElement process, LoadErrors errors)
    {
        var id = (string?)process.Attribute("id");
        if (string.IsNullOrWhiteSpace(id)) errors.Add(XmlPropertyReader.At(process), null, "id", "the bpmn:process needs an 'id'");
        var draft = new WorkflowDraft
        {
            Id = id,
            Name = (string?)process.Attribute("name"),
            Version = (string?)process.Attribute(BpmnNames.Quell + "version"),
            Description = process.Element(BpmnNames.Bpmn + "documentation") is { } doc ? TextBlock.Normalize(doc.Value) : null,
            Position = XmlPropertyReader.At(process),
        };
        foreach (var child in process.Elements())
        {
            if (child.Name.Namespace != BpmnNames.Bpmn) continue;
            var kind = child.Name.LocalName;
            if (kind == "sequenceFlow") ReadFlow(child, draft, errors);
            else if (!Ignored.Contains(kind)) BpmnElementReader.Read(child, draft, errors);
        }
        // BPMN names the default on the gateway; the graph checks and the model read it from the flow.
        for (var i = 0; i < draft.Flows.Count; i++)
        {
            var flow = draft.Flows[i];
            if (draft.GatewayDefaults.TryGetValue(flow.Source, out var d) && d.FlowId == flow.Id)
                draft.Flows[i] = flow with { IsDefault = true };
        }
        return draft;
    }

    private static void ReadFlow(XElement flow, WorkflowDraft draft, LoadErrors errors)
    {
        var id = (string?)flow.Attribute("id");
        var at = XmlPropertyReader.At(flow);
        var source = flow.Attribute("sourceRef");
        var target = flow.Attribute("targetRef");
        if (string.IsNullOrWhiteSpace(id)) errors.Add(at, null, "id", "a bpmn:sequenceFlow needs an 'id'");
        if (source is null) errors.Add(at, id, "sourceRef", "a bpmn:sequenceFlow needs a 'sourceRef'");
        if (target is null) errors.Add(at, id, "targetRef", "a bpmn:sequenceFlow needs a 'targetRef'");
        if (string.IsNullOrWhiteSpace(id) || source is null || target is null) return;
        var condition = flow.Element(BpmnNames.Bpmn + "conditionExpression");
        draft.Flows.Add(new DraftFlow(id, source.Value, target.Value, at)
        {
            SourceAt = XmlPropertyReader.At(source),
            TargetAt = XmlPropertyReader.At(target),
            Condition = condition is null ? null : condition.Value.Trim(),
            ConditionAt = condition is null ? at : XmlPropertyReader.At(condition),
            Name = (string?)flow.Attribute("name"),
        });
    }
}

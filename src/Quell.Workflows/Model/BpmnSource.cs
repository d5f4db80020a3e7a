namespace Quell.Workflows.Model;

/// <summary>What a BPMN file carried besides the process: the whole document and its diagram.</summary>
/// <param name="Xml">The BPMN document exactly as loaded.</param>
/// <param name="DiagramXml">The <c>bpmndi:BPMNDiagram</c> element as XML, or <see langword="null"/> when the file has none.</param>
public sealed record BpmnSource(string Xml, string? DiagramXml);

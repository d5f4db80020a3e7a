using System.Xml.Linq;

namespace Quell.Workflows.Loading;

/// <summary>The XML namespaces a BPMN workflow file uses.</summary>
internal static class BpmnNames
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>Quell's extension namespace, for <c>quell:properties</c> and the <c>quell:type</c> attribute.</summary>
    public static readonly XNamespace Quell = "https://quell.dev/schema/bpmn/1";
}

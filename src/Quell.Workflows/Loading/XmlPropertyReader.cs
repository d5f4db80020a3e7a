using System.Xml;
using System.Xml.Linq;

namespace Quell.Workflows.Loading;

/// <summary>
/// Converts a <c>quell:properties</c> element into the same <see cref="SourceNode"/> tree a YAML <c>properties:</c>
/// map gives: attributes and child elements become keys, an element with only text becomes a value, and a child
/// repeated becomes a list. List items may use a singular name (<c>quell:toolCall</c> for <c>toolCalls</c>).
/// </summary>
internal static class XmlPropertyReader
{
    private static readonly Dictionary<string, string> ListItemNames = new(StringComparer.Ordinal)
    {
        ["toolCall"] = "toolCalls",
        ["tool"] = "tools",
        ["arg"] = "args",
        ["allowedTool"] = "allowedTools",
        ["failure"] = "failures",
    };

    public static MapNode Read(XElement properties, string? elementId, LoadErrors errors) =>
        ReadMap(properties, elementId, "", useAliases: true, errors);

    public static SourcePosition At(IXmlLineInfo node) =>
        node.HasLineInfo() ? new SourcePosition(node.LineNumber, node.LinePosition) : new SourcePosition(1, 1);

    private static MapNode ReadMap(XElement element, string? elementId, string field, bool useAliases, LoadErrors errors)
    {
        var entries = new List<MapEntry>();
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None))
        {
            var at = At(attribute);
            entries.Add(new MapEntry(attribute.Name.LocalName, at, new ScalarNode(at, attribute.Value, IsPlain: true) { FromXml = true }));
        }
        if (element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
            errors.Add(At(element), elementId, field.TrimEnd('.'), "an element with attributes or child elements cannot also hold text; put the text in a child element");
        var groups = element.Elements().GroupBy(child => Key(child, useAliases));
        foreach (var group in groups)
        {
            var first = group.First();
            if (first.Name.Namespace != BpmnNames.Quell)
            {
                errors.Add(At(first), elementId, field + first.Name.LocalName, $"expected an element in the quell namespace ({BpmnNames.Quell}), got {first.Name}");
                continue;
            }
            if (entries.Any(e => e.Key == group.Key))
            {
                errors.Add(At(first), elementId, field + group.Key, $"'{group.Key}' is given both as an attribute and as an element");
                continue;
            }
            // Free-form maps keep their own names: a custom property or a tool argument called "tool" is not a list item.
            var aliases = useAliases && group.Key is not ("custom" or "arguments" or "input");
            var items = group.Select(child => ReadValue(child, elementId, field + group.Key + ".", aliases, errors)).ToList();
            var value = items.Count == 1 ? items[0] : new ListNode(items[0].Position, items) { FromXml = true };
            entries.Add(new MapEntry(group.Key, At(first), value));
        }
        return new MapNode(At(element), entries) { FromXml = true };
    }

    private static SourceNode ReadValue(XElement element, string? elementId, string field, bool useAliases, LoadErrors errors)
    {
        var hasStructure = element.HasElements || element.Attributes().Any(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None);
        return hasStructure
            ? ReadMap(element, elementId, field, useAliases, errors)
            : new ScalarNode(At(element), element.Value, IsPlain: true) { FromXml = true };
    }

    private static string Key(XElement child, bool useAliases) =>
        useAliases && ListItemNames.TryGetValue(child.Name.LocalName, out var list) ? list : child.Name.LocalName;
}

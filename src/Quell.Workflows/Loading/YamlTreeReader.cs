using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Quell.Workflows.Loading;

/// <summary>
/// Reads YAML with YamlDotNet's parser events into a <see cref="SourceNode"/> tree, keeping every node's position.
/// Anchors and aliases are refused (a workflow has no use for them, and aliases allow "billion laughs" expansion);
/// duplicate keys are errors instead of silently overwriting.
/// </summary>
internal static partial class YamlTreeReader
{
    public static SourceNode? Read(string text, LoadErrors errors)
    {
        TrackingParser? parser = null;
        try
        {
            parser = new TrackingParser(new Parser(new StringReader(text)));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SourcePosition(1, 1), null, null, "the file is empty");
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, errors);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
                errors.Add(At(second.Start), null, null, "expected one YAML document, found another after '---'");
            return root;
        }
        catch (YamlException e)
        {
            errors.Add(At(e.Start), null, null, "YAML syntax error: " + LocationPrefix().Replace(e.Message, ""));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unclosed flow collections.
            errors.Add(parser?.UnclosedFlowCollection is { } open ? At(open) : new SourcePosition(1, 1), null, null,
                "YAML syntax error: this '[' or '{' is not closed before the file or block ends");
            return null;
        }
    }

    private static SourceNode ReadNode(IParser parser, LoadErrors errors)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            RejectAnchor(scalar, errors);
            return new ScalarNode(At(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
        }
        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            RejectAnchor(mapStart, errors);
            return ReadMap(parser, mapStart, errors);
        }
        if (parser.TryConsume<SequenceStart>(out var listStart))
        {
            RejectAnchor(listStart, errors);
            var items = new List<SourceNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, errors));
            return new ListNode(At(listStart.Start), items);
        }
        var alias = parser.Consume<AnchorAlias>();
        errors.Add(At(alias.Start), null, null, "YAML aliases (*name) are not supported in workflow files");
        return new ScalarNode(At(alias.Start), "", IsPlain: true);
    }

    private static MapNode ReadMap(IParser parser, MappingStart start, LoadErrors errors)
    {
        var entries = new List<MapEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!.Start;
            var key = ReadNode(parser, errors);
            var value = ReadNode(parser, errors);
            if (key is not ScalarNode { IsNull: false } name)
            {
                errors.Add(At(keyStart), null, null, "a map key must be a plain name");
                continue;
            }
            if (entries.Any(e => e.Key == name.Value))
                errors.Add(name.Position, null, name.Value, $"'{name.Value}' is given more than once in the same map");
            else
                entries.Add(new MapEntry(name.Value, name.Position, value));
        }
        return new MapNode(At(start.Start), entries);
    }

    private static void RejectAnchor(NodeEvent node, LoadErrors errors)
    {
        if (!node.Anchor.IsEmpty) errors.Add(At(node.Start), null, null, "YAML anchors (&name) are not supported in workflow files");
    }

    internal static SourcePosition At(Mark mark) => new((int)mark.Line, (int)mark.Column);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();
}

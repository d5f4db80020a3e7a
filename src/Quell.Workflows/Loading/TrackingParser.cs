using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Quell.Workflows.Loading;

/// <summary>
/// Passes YamlDotNet's parser events through while remembering which flow collections (<c>[</c>, <c>{</c>) are
/// open, so an error the scanner reports without a position can still point at the bracket that was never closed.
/// It also stops at nesting deeper than <see cref="MaxDepth"/>: the tree reader is recursive (a 1 MiB file of '['
/// overflowed the stack), and YamlDotNet's scanner slows quadratically with open flow collections.
/// </summary>
internal sealed class TrackingParser : IParser
{
    /// <summary>How deep maps and lists may nest; JSON's default limit, far beyond any workflow file.</summary>
    public const int MaxDepth = 64;

    private readonly IParser _inner;
    private readonly Stack<(bool IsFlow, Mark Start)> _open = new();

    public TrackingParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    /// <summary>Where the innermost flow collection still open begins, if any.</summary>
    public Mark? UnclosedFlowCollection => _open.Where(o => o.IsFlow).Select(o => (Mark?)o.Start).FirstOrDefault();

    public bool MoveNext()
    {
        var moved = _inner.MoveNext();
        switch (_inner.Current)
        {
            case SequenceStart sequence:
                _open.Push((sequence.Style == SequenceStyle.Flow, sequence.Start));
                break;
            case MappingStart mapping:
                _open.Push((mapping.Style == MappingStyle.Flow, mapping.Start));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }
        if (_open.Count > MaxDepth)
        {
            var (_, start) = _open.Peek();
            throw new YamlException(start, start, $"maps and lists nest more than {MaxDepth} levels deep here");
        }
        return moved;
    }
}

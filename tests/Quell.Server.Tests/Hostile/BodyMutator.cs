using System.Text;
using System.Text.Json.Nodes;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// Spoils a valid JSON body the ways a broken or hostile client would, driven by a seeded <see cref="Random"/> so a
/// failing mutation can be reproduced from its seed and index: byte flips, truncations, insertions and type swaps.
/// </summary>
public sealed class BodyMutator(int seed)
{
    // Fragments that mean something to a JSON reader, or to what reads the values after it.
    private static readonly byte[][] Insertions =
    [
        .. new[] { "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "null", "-", "1e999", "99999999999999999999", "\u0000", "\t", "NaN" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF],
    ];

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => null,
        _ => JsonValue.Create(true),
        r => JsonValue.Create(r.Next(int.MinValue, int.MaxValue)),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0.5),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create(new string('x', 10_000)),
        _ => JsonValue.Create("\u0000\uFFFF"),
        _ => new JsonArray(1, "two", null),
        _ => new JsonObject { ["nested"] = new JsonObject() },
        r => JsonNode.Parse(Nested(r.Next(20, 40))),
    ];

    private readonly Random _random = new(seed);

    /// <summary>One mutation of <paramref name="valid"/> and a name for it.</summary>
    public (string Name, byte[] Body) Mutate(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        switch (_random.Next(5))
        {
            case 0:
                var flip = _random.Next(bytes.Length);
                bytes[flip] ^= (byte)(1 << _random.Next(8));
                return ($"bit flip at {flip}", bytes);
            case 1:
                var cut = _random.Next(bytes.Length);
                return ($"truncated at {cut}", bytes[..cut]);
            case 2:
                var at = _random.Next(bytes.Length + 1);
                var insert = Insertions[_random.Next(Insertions.Length)];
                return ($"insert {Convert.ToHexString(insert)} at {at}", [.. bytes[..at], .. insert, .. bytes[at..]]);
            case 3:
                var from = _random.Next(bytes.Length);
                var length = _random.Next(1, Math.Min(8, bytes.Length - from) + 1);
                return ($"delete {length} at {from}", [.. bytes[..from], .. bytes[(from + length)..]]);
            default:
                return SwapType(valid);
        }
    }

    /// <summary>Valid JSON again, with one value (at any depth) replaced by one of another type.</summary>
    private (string Name, byte[] Body) SwapType(string valid)
    {
        var root = JsonNode.Parse(valid)!;
        var slots = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(root, "$", slots);
        var replacement = Replacements[_random.Next(Replacements.Length)](_random);
        if (slots.Count == 0 || _random.Next(10) == 0)
        {
            return ("the whole body swapped", Encoding.UTF8.GetBytes(replacement?.ToJsonString() ?? "null"));
        }
        var (parent, key, index, path) = slots[_random.Next(slots.Count)];
        if (key is not null) parent.AsObject()[key] = replacement;
        else parent.AsArray()[index] = replacement;
        return ($"swap {path} for {Shorten(replacement?.ToJsonString() ?? "null")}", Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                slots.Add((obj, key, -1, $"{path}.{key}"));
                if (child is not null) Collect(child, $"{path}.{key}", slots);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i, $"{path}[{i}]"));
                if (array[i] is { } child) Collect(child, $"{path}[{i}]", slots);
            }
        }
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

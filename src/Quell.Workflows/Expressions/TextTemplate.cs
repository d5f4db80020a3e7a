using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Quell.Workflows.Expressions;

/// <summary>
/// Prompt templating: <c>{{ path }}</c> is replaced by the value at a dotted path (run variables, earlier tasks'
/// outputs). Strings are inserted as they are, other values as JSON, and a path that resolves to nothing as an empty
/// string. Only paths are allowed between the braces.
/// </summary>
public static class TextTemplate
{
    /// <summary>Checks that every <c>{{</c> is closed and holds a dotted path.</summary>
    /// <exception cref="ExpressionSyntaxException">A placeholder is malformed.</exception>
    public static void Validate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var _ in Placeholders(template))
        {
        }
    }

    /// <summary>The distinct paths the template refers to, in order of first use.</summary>
    public static IReadOnlyList<string> Paths(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Placeholders(template).Select(p => string.Join('.', p.Path)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Renders the template over <paramref name="scope"/>.</summary>
    public static string Render(string template, IVariableScope scope)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(scope);
        var output = new StringBuilder(template.Length);
        var copied = 0;
        foreach (var (start, end, path) in Placeholders(template))
        {
            output.Append(template, copied, start - copied);
            output.Append(Format(scope.Resolve(path)));
            copied = end;
        }
        return output.Append(template, copied, template.Length - copied).ToString();
    }

    private static string Format(JsonElement? value) => value switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "",
        { ValueKind: JsonValueKind.Null } => "",
        { } other => Compact(other),
    };

    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) value.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IEnumerable<(int Start, int End, IReadOnlyList<string> Path)> Placeholders(string template)
    {
        var at = 0;
        while ((at = template.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var close = template.IndexOf("}}", at + 2, StringComparison.Ordinal);
            if (close < 0) throw new ExpressionSyntaxException("'{{' is not closed with '}}'", at);
            var node = ExpressionParser.Parse(template[(at + 2)..close], at + 2);
            if (node is not PathNode path)
                throw new ExpressionSyntaxException("only a dotted path such as {{ tasks.fetch_data.output }} may stand between '{{' and '}}'", at);
            yield return (at, close + 2, path.Path);
            at = close + 2;
        }
    }
}

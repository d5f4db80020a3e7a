using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quell.Workflows.Expressions;

/// <summary>
/// A gateway condition such as <c>${tasks.extract_keywords.status == 'cancelled'}</c>: literals (strings in single or
/// double quotes, numbers, <c>true</c>, <c>false</c>, <c>null</c>), dotted paths, <c>== != &lt; &gt; &lt;= &gt;=</c>,
/// <c>&amp;&amp; || !</c> and parentheses. The <c>${…}</c> wrapper is optional. There is no function call, no
/// arithmetic and no reflection, so a workflow file cannot run code through a condition.
/// </summary>
[JsonConverter(typeof(ConditionExpressionJsonConverter))]
public sealed class ConditionExpression
{
    private readonly ExpressionNode _root;

    private ConditionExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid condition.</exception>
    public static ConditionExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (body, offset) = Unwrap(text);
        return new ConditionExpression(text, ExpressionParser.Parse(body, offset));
    }

    /// <summary>Evaluates the condition; a path that resolves to nothing is <c>null</c>.</summary>
    /// <exception cref="ExpressionEvaluationException">Operand types do not fit an operator, or the result is not a boolean.</exception>
    public bool Evaluate(IVariableScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _root.Evaluate(scope) is bool result
            ? result
            : throw new ExpressionEvaluationException($"the condition '{Text}' is not true or false");
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static (string Body, int Offset) Unwrap(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        var trimmed = text.AsSpan(start).TrimEnd();
        if (!trimmed.StartsWith("${", StringComparison.Ordinal)) return (text, 0);
        if (!trimmed.EndsWith('}')) throw new ExpressionSyntaxException("'${' is not closed with '}'", start);
        return (trimmed[2..^1].ToString(), start + 2);
    }
}

/// <summary>Writes a condition as its text and parses it back.</summary>
internal sealed class ConditionExpressionJsonConverter : JsonConverter<ConditionExpression>
{
    public override ConditionExpression Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConditionExpression.Parse(reader.GetString() ?? throw new JsonException("a condition must be a string"));

    public override void Write(Utf8JsonWriter writer, ConditionExpression value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}

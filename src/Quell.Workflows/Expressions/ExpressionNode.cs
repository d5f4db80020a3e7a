using System.Globalization;
using System.Text.Json;

namespace Quell.Workflows.Expressions;

/// <summary>
/// A node of a parsed condition. Values while evaluating are <see langword="null"/>, <see cref="bool"/>,
/// <see cref="double"/>, <see cref="string"/> or a <see cref="JsonElement"/> object/array (which only compares equal
/// to nothing).
/// </summary>
internal abstract record ExpressionNode
{
    public abstract object? Evaluate(IVariableScope scope);
}

internal sealed record LiteralNode(object? Value) : ExpressionNode
{
    public override object? Evaluate(IVariableScope scope) => Value;
}

internal sealed record PathNode(IReadOnlyList<string> Path) : ExpressionNode
{
    public override object? Evaluate(IVariableScope scope)
    {
        var value = scope.Resolve(Path);
        if (value is not { } element) return null;
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element,
        };
    }

    public override string ToString() => string.Join('.', Path);
}

internal sealed record NotNode(ExpressionNode Operand) : ExpressionNode
{
    public override object? Evaluate(IVariableScope scope) => !Logic.AsBool(Operand.Evaluate(scope), "!");
}

internal sealed record LogicalNode(ExpressionTokenKind Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override object? Evaluate(IVariableScope scope)
    {
        var op = Operator == ExpressionTokenKind.And ? "&&" : "||";
        var left = Logic.AsBool(Left.Evaluate(scope), op);
        // Short-circuit as in C#, so `a != null && a.b == 1` is safe to write.
        if (Operator == ExpressionTokenKind.And ? !left : left) return left;
        return Logic.AsBool(Right.Evaluate(scope), op);
    }
}

internal sealed record ComparisonNode(ExpressionTokenKind Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override object? Evaluate(IVariableScope scope)
    {
        var left = Left.Evaluate(scope);
        var right = Right.Evaluate(scope);
        return Operator switch
        {
            ExpressionTokenKind.Equal => Logic.AreEqual(left, right),
            ExpressionTokenKind.NotEqual => !Logic.AreEqual(left, right),
            _ => Order(Logic.Compare(left, right, Operator)),
        };
    }

    private bool Order(int comparison) => Operator switch
    {
        ExpressionTokenKind.Less => comparison < 0,
        ExpressionTokenKind.LessOrEqual => comparison <= 0,
        ExpressionTokenKind.Greater => comparison > 0,
        _ => comparison >= 0,
    };
}

internal static class Logic
{
    public static bool AsBool(object? value, string op) => value is bool b
        ? b
        : throw new ExpressionEvaluationException($"'{op}' needs true or false, got {Describe(value)}");

    public static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (double a, double b) => a.Equals(b),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        _ => false,
    };

    public static int Compare(object? left, object? right, ExpressionTokenKind op) => (left, right) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new ExpressionEvaluationException(
            $"cannot order {Describe(left)} and {Describe(right)} with '{OperatorText(op)}': both must be numbers or both strings"),
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        JsonElement e => e.ValueKind == JsonValueKind.Array ? "an array" : "an object",
        _ => value.ToString() ?? "?",
    };

    private static string OperatorText(ExpressionTokenKind op) => op switch
    {
        ExpressionTokenKind.Less => "<",
        ExpressionTokenKind.LessOrEqual => "<=",
        ExpressionTokenKind.Greater => ">",
        _ => ">=",
    };
}

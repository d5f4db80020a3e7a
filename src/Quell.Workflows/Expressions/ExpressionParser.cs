using System.Globalization;

namespace Quell.Workflows.Expressions;

/// <summary>
/// Recursive descent over: or := and ('||' and)*; and := cmp ('&amp;&amp;' cmp)*; cmp := unary (op unary)?;
/// unary := '!' unary | primary; primary := literal | path | '(' or ')'. Comparisons do not chain. Parentheses and
/// negations nest at most <see cref="MaxDepth"/> deep, so a hostile condition cannot overflow the stack.
/// </summary>
internal sealed class ExpressionParser
{
    public const int MaxDepth = 64;

    private readonly List<ExpressionToken> _tokens;
    private int _next;
    private int _depth;

    private ExpressionParser(List<ExpressionToken> tokens) => _tokens = tokens;

    public static ExpressionNode Parse(string body, int offset)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(body, offset));
        if (parser.Peek.Kind == ExpressionTokenKind.End) throw new ExpressionSyntaxException("empty expression", offset);
        var node = parser.ParseOr();
        if (parser.Peek.Kind != ExpressionTokenKind.End) throw parser.Unexpected("an operator or the end");
        return node;
    }

    private ExpressionToken Peek => _tokens[_next];

    private ExpressionToken Take() => _tokens[_next++];

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == ExpressionTokenKind.Or)
        {
            Take();
            left = new LogicalNode(ExpressionTokenKind.Or, left, ParseAnd());
        }
        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseComparison();
        while (Peek.Kind == ExpressionTokenKind.And)
        {
            Take();
            left = new LogicalNode(ExpressionTokenKind.And, left, ParseComparison());
        }
        return left;
    }

    private ExpressionNode ParseComparison()
    {
        var left = ParseUnary();
        if (!IsComparison(Peek.Kind)) return left;
        var op = Take().Kind;
        var right = ParseUnary();
        if (IsComparison(Peek.Kind))
            throw new ExpressionSyntaxException("comparisons do not chain; combine them with && or ||", Peek.Position);
        return new ComparisonNode(op, left, right);
    }

    private ExpressionNode ParseUnary()
    {
        if (Peek.Kind != ExpressionTokenKind.Not) return ParsePrimary();
        Enter(Take());
        var node = new NotNode(ParseUnary());
        _depth--;
        return node;
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case ExpressionTokenKind.String:
                Take();
                return new LiteralNode(token.Text);
            case ExpressionTokenKind.Number:
                Take();
                return double.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var number)
                    ? new LiteralNode(number)
                    : throw new ExpressionSyntaxException($"'{token.Text}' is not a number", token.Position);
            case ExpressionTokenKind.LeftParen:
                Enter(Take());
                var inner = ParseOr();
                if (Peek.Kind != ExpressionTokenKind.RightParen) throw Unexpected("')'");
                Take();
                _depth--;
                return inner;
            case ExpressionTokenKind.Identifier:
                return ParseIdentifier();
            default:
                throw Unexpected("a value, a path or '('");
        }
    }

    private ExpressionNode ParseIdentifier()
    {
        var first = Take();
        switch (first.Text)
        {
            case "true": return new LiteralNode(true);
            case "false": return new LiteralNode(false);
            case "null": return new LiteralNode(null);
        }
        var path = new List<string> { first.Text };
        while (Peek.Kind == ExpressionTokenKind.Dot)
        {
            Take();
            if (Peek.Kind is not (ExpressionTokenKind.Identifier or ExpressionTokenKind.Number)) throw Unexpected("a name after '.'");
            path.Add(Take().Text);
        }
        return new PathNode(path);
    }

    private void Enter(ExpressionToken token)
    {
        if (++_depth > MaxDepth)
            throw new ExpressionSyntaxException($"parentheses and '!' nest more than {MaxDepth} levels deep", token.Position);
    }

    private ExpressionSyntaxException Unexpected(string expected) => Peek.Kind == ExpressionTokenKind.End
        ? new ExpressionSyntaxException($"expected {expected} but the expression ended", Peek.Position)
        : new ExpressionSyntaxException($"expected {expected}, got '{Peek.Text}'", Peek.Position);

    private static bool IsComparison(ExpressionTokenKind kind) => kind is ExpressionTokenKind.Equal
        or ExpressionTokenKind.NotEqual or ExpressionTokenKind.Less or ExpressionTokenKind.LessOrEqual
        or ExpressionTokenKind.Greater or ExpressionTokenKind.GreaterOrEqual;
}

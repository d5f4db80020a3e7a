using System.Text;

namespace Quell.Workflows.Expressions;

/// <summary>Splits a condition into tokens. Identifiers may contain '-' because there is no arithmetic to clash with.</summary>
internal static class ExpressionLexer
{
    public static List<ExpressionToken> Tokenize(string text, int offset)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new(ExpressionTokenKind.End, "", offset + i));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
                tokens.Add(new(ExpressionTokenKind.Identifier, text[start..i], offset + start));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i])
                    || (text[i] == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))) i++;
                tokens.Add(new(ExpressionTokenKind.Number, text[start..i], offset + start));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new(ExpressionTokenKind.String, ReadString(text, ref i, offset), offset + start));
            }
            else
            {
                var (kind, length) = Operator(text, i);
                if (length == 0) throw new ExpressionSyntaxException($"unexpected character '{c}'", offset + i);
                tokens.Add(new(kind, text.Substring(i, length), offset + start));
                i += length;
            }
        }
    }

    private static string ReadString(string text, ref int i, int offset)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length) break;
                i++;
            }
            value.Append(text[i++]);
        }
        if (i >= text.Length) throw new ExpressionSyntaxException("unterminated string", offset + start);
        i++;
        return value.ToString();
    }

    private static (ExpressionTokenKind Kind, int Length) Operator(string text, int i)
    {
        var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
        return two switch
        {
            "==" => (ExpressionTokenKind.Equal, 2),
            "!=" => (ExpressionTokenKind.NotEqual, 2),
            "<=" => (ExpressionTokenKind.LessOrEqual, 2),
            ">=" => (ExpressionTokenKind.GreaterOrEqual, 2),
            "&&" => (ExpressionTokenKind.And, 2),
            "||" => (ExpressionTokenKind.Or, 2),
            _ => text[i] switch
            {
                '<' => (ExpressionTokenKind.Less, 1),
                '>' => (ExpressionTokenKind.Greater, 1),
                '!' => (ExpressionTokenKind.Not, 1),
                '.' => (ExpressionTokenKind.Dot, 1),
                '(' => (ExpressionTokenKind.LeftParen, 1),
                ')' => (ExpressionTokenKind.RightParen, 1),
                _ => (ExpressionTokenKind.End, 0),
            },
        };
    }
}

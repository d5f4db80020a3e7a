namespace Quell.Workflows.Expressions;

internal enum ExpressionTokenKind
{
    End,
    Identifier,
    String,
    Number,
    Dot,
    LeftParen,
    RightParen,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>One token of a condition; <see cref="Text"/> is the identifier, the unescaped string or the number's text.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, int Position);

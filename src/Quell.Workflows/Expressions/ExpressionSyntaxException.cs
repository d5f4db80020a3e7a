namespace Quell.Workflows.Expressions;

/// <summary>A condition or template could not be parsed; <see cref="Position"/> is the 0-based offset in its text.</summary>
public sealed class ExpressionSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ExpressionSyntaxException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExpressionSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a mistake at <paramref name="position"/>.</summary>
    public ExpressionSyntaxException(string message, int position)
        : base(message) => Position = position;

    /// <summary>The 0-based offset in the expression text where the mistake was found.</summary>
    public int Position { get; }
}

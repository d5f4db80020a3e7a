namespace Quell.Workflows.Expressions;

/// <summary>
/// A condition that parsed could not be evaluated over the given values, e.g. <c>a &lt; 'x'</c> with <c>a</c> a number,
/// or a result that is not a boolean.
/// </summary>
public sealed class ExpressionEvaluationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ExpressionEvaluationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

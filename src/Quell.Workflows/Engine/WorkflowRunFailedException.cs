namespace Quell.Workflows.Engine;

/// <summary>A run ended with outcome <c>failed</c>; the message names why ("Task extract_keywords was cancelled").</summary>
public sealed class WorkflowRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunFailedException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public WorkflowRunFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public WorkflowRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

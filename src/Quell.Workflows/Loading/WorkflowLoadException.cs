namespace Quell.Workflows.Loading;

/// <summary>A workflow file could not be loaded; <see cref="Errors"/> lists every problem found, in file order.</summary>
public sealed class WorkflowLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowLoadException()
        : this(null, [])
    {
    }

    /// <summary>Creates the exception with a message and no located errors.</summary>
    public WorkflowLoadException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public WorkflowLoadException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception for <paramref name="errors"/> found in <paramref name="fileName"/>.</summary>
    public WorkflowLoadException(string? fileName, IReadOnlyList<WorkflowError> errors)
        : base(Describe(fileName, errors))
    {
        FileName = fileName;
        Errors = errors;
    }

    /// <summary>The file name the errors refer to, if one was given.</summary>
    public string? FileName { get; }

    /// <summary>Every error found, ordered by line and column.</summary>
    public IReadOnlyList<WorkflowError> Errors { get; }

    private static string Describe(string? fileName, IReadOnlyList<WorkflowError> errors) => errors.Count == 0
        ? "The workflow could not be loaded."
        : string.Join('\n', errors.Select(e => e.Format(fileName)));
}

namespace Quell.Jobs;

/// <summary>A submission the runtime refused; <see cref="Exception.Message"/> says why in words a user can act on.</summary>
public sealed class JobSubmissionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobSubmissionException(JobSubmissionError error, string message) : base(message) => Error = error;

    /// <summary>Creates the exception.</summary>
    public JobSubmissionException() : this(JobSubmissionError.InvalidInput, "The submission was refused.") { }

    /// <summary>Creates the exception.</summary>
    public JobSubmissionException(string message) : this(JobSubmissionError.InvalidInput, message) { }

    /// <summary>Creates the exception.</summary>
    public JobSubmissionException(string message, Exception innerException) : base(message, innerException) =>
        Error = JobSubmissionError.InvalidInput;

    /// <summary>What kind of refusal.</summary>
    public JobSubmissionError Error { get; }
}

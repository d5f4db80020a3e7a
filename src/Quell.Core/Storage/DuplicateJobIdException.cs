namespace Quell.Storage;

/// <summary>Thrown by <see cref="IJobStore.CreateAsync"/> when a job with the requested id already exists.</summary>
public sealed class DuplicateJobIdException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="jobId"/>.</summary>
    public DuplicateJobIdException(string jobId)
        : base($"A job with id '{jobId}' already exists.") => JobId = jobId;

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateJobIdException() : base("A job with that id already exists.") => JobId = "";

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public DuplicateJobIdException(string message, Exception innerException) : base(message, innerException) => JobId = "";

    /// <summary>The id that was taken.</summary>
    public string JobId { get; }
}

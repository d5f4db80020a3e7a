namespace Quell.Jobs;

/// <summary>Why a submission was refused.</summary>
public enum JobSubmissionError
{
    /// <summary>No job type of that name is registered.</summary>
    UnknownType,
    /// <summary>The input does not fit the job type.</summary>
    InvalidInput,
    /// <summary>A <c>dependsOn</c> id names no job of this owner.</summary>
    UnknownDependency,
    /// <summary><c>timeoutSeconds</c> is out of range.</summary>
    InvalidTimeout,
    /// <summary>The host is shutting down and takes no new work.</summary>
    ShuttingDown,
    /// <summary>The requested id is malformed.</summary>
    InvalidId,
    /// <summary>The requested id is already taken.</summary>
    DuplicateId,
    /// <summary><c>parentId</c> names no job of this owner.</summary>
    UnknownParent,
    /// <summary>A batch had more than <see cref="JobSubmission.MaxBatchCount"/> submissions.</summary>
    TooManyJobs,
}

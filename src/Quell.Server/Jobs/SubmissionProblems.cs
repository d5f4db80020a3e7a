using Microsoft.AspNetCore.Http;
using Quell.Jobs;

namespace Quell.Server.Jobs;

/// <summary>How a refused submission is told, the same for <c>POST /api/jobs</c> and each item of a batch.</summary>
internal static class SubmissionProblems
{
    public static string Title(JobSubmissionError error) => error switch
    {
        JobSubmissionError.UnknownType => "Unknown job type",
        JobSubmissionError.InvalidInput => "Invalid input",
        JobSubmissionError.UnknownDependency => "Unknown dependency",
        JobSubmissionError.InvalidTimeout => "Invalid timeout",
        JobSubmissionError.InvalidId => "Invalid job id",
        JobSubmissionError.DuplicateId => "Job id taken",
        JobSubmissionError.UnknownParent => "Unknown parent job",
        JobSubmissionError.TooManyJobs => "Too many jobs",
        JobSubmissionError.ShuttingDown => "Shutting down",
        _ => "Submission refused",
    };

    public static int Status(JobSubmissionError error) => error switch
    {
        JobSubmissionError.DuplicateId => StatusCodes.Status409Conflict,
        JobSubmissionError.ShuttingDown => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The message when a submission names no type.</summary>
    public static string MissingType(IJobService jobs, string where) =>
        $"{where} needs a 'type'. Known types: " +
        (jobs.JobTypes.Count == 0 ? "(none registered)" : string.Join(", ", jobs.JobTypes.Keys.Order(StringComparer.Ordinal))) + ".";
}

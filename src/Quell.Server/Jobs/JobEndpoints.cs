using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Quell.Jobs;
using Quell.Results;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.OpenApi;
using Quell.Server.Sse;

namespace Quell.Server.Jobs;

/// <summary>The <c>/api/jobs</c> route group.</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this IEndpointRouteBuilder api)
    {
        // A custom method in the AIP-136 style beside the collection rather than under it: "batch" is not a job id.
        api.MapPost("/jobs:batch", SubmitJobBatch.HandleAsync)
            .WithTags("Jobs")
            .WithName("SubmitJobBatch")
            .WithSummary("Submit up to 1,000 jobs in one transaction, with a result per job")
            .WithJsonRequestBody<SubmitJobBatchRequest>(required: true)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        var jobs = api.MapGroup("/jobs")
            .WithTags("Jobs")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        jobs.MapPost("/", SubmitJob.HandleAsync)
            .WithName("SubmitJob")
            .WithSummary("Submit a job")
            .WithJsonRequestBody<SubmitJobRequest>(required: true)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        jobs.MapGet("/", ListJobs.HandleAsync).WithName("ListJobs").WithSummary("List your jobs, newest first");
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob").WithSummary("Get a job");
        jobs.MapPost("/{id}/cancel", CancelJob.HandleAsync)
            .WithName("CancelJob")
            .WithSummary("Cancel a job, with a reason")
            .WithJsonRequestBody<CancelJobRequest>(required: false)
            .ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapGet("/{id}/partial-results", GetPartialResultsAsync)
            .WithName("GetPartialResults")
            .WithSummary("What a job finished, even if it was cancelled or failed");
        jobs.MapGet("/{id}/events", JobEventStream.HandleAsync)
            .WithName("WatchJobEvents")
            .WithSummary("The job's events as Server-Sent Events: history, then live until the end");
        return jobs;
    }

    private static async Task<Results<Ok<JobDto>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, IJobService jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(id, user.Owner(), cancellationToken);
        return job is null ? Problems.JobNotFound(id) : TypedResults.Ok(JobDto.From(job));
    }

    private static async Task<Results<Ok<PartialResults>, ProblemHttpResult>> GetPartialResultsAsync(
        string id, ClaimsPrincipal user, IJobService jobs, CancellationToken cancellationToken)
    {
        var results = await jobs.GetPartialResultsAsync(id, user.Owner(), cancellationToken);
        return results is null
            ? TypedResults.Problem($"Job '{id}' does not exist or has saved no results yet.",
                statusCode: StatusCodes.Status404NotFound, title: "No partial results")
            : TypedResults.Ok(results);
    }
}

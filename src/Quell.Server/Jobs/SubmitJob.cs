using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Serialization;

namespace Quell.Server.Jobs;

/// <summary><c>POST /api/jobs</c>: 202 with the job, 400 for a bad submission, 503 while shutting down.</summary>
internal static class SubmitJob
{
    public static async Task<Results<Accepted<JobDto>, ProblemHttpResult>> HandleAsync(
        HttpContext context, ClaimsPrincipal user, IJobService jobs, IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || !jobs.IsAcceptingJobs)
        {
            return Problems.ShuttingDown(context);
        }
        var (request, problem) = await JsonBody.ReadAsync(
            context.Request, ServerJsonContext.Default.SubmitJobRequest, optional: false, cancellationToken);
        if (problem is not null) return problem;
        if (Check(request!, jobs) is { } invalid) return invalid;

        var submission = new JobSubmission(
            request!.Type!, request.Input ?? default, user.Owner(), request.TimeoutSeconds, request.DependsOn);
        try
        {
            var job = await jobs.SubmitAsync(submission, cancellationToken);
            return TypedResults.Accepted($"/api/jobs/{Uri.EscapeDataString(job.Id)}", JobDto.From(job));
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.ShuttingDown)
        {
            return Problems.ShuttingDown(context);
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.DuplicateId)
        {
            return Problems.Conflict(Title(e.Error), e.Message);
        }
        catch (JobSubmissionException e)
        {
            return Problems.BadRequest(Title(e.Error), e.Message);
        }
    }

    // The runtime checks the rest (input, timeout range, dependencies) so every surface refuses the same things.
    private static ProblemHttpResult? Check(SubmitJobRequest request, IJobService jobs) =>
        string.IsNullOrWhiteSpace(request.Type)
            ? Problems.BadRequest(Title(JobSubmissionError.UnknownType), SubmissionProblems.MissingType(jobs, "The body"))
            : null;

    private static string Title(JobSubmissionError error) => SubmissionProblems.Title(error);
}

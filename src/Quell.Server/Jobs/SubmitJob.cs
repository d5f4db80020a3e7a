using System.Security.Claims;
using System.Text.Json;
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
    private static readonly JsonElement EmptyInput = JsonDocument.Parse("{}").RootElement.Clone();

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
            request!.Type!, request.Input ?? EmptyInput, user.Owner(), request.TimeoutSeconds, request.DependsOn);
        try
        {
            var job = await jobs.SubmitAsync(submission, cancellationToken);
            return TypedResults.Accepted($"/api/jobs/{Uri.EscapeDataString(job.Id)}", JobDto.From(job));
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.ShuttingDown)
        {
            return Problems.ShuttingDown(context);
        }
        catch (JobSubmissionException e)
        {
            return Problems.BadRequest(Title(e.Error), e.Message);
        }
    }

    private static ProblemHttpResult? Check(SubmitJobRequest request, IJobService jobs)
    {
        if (string.IsNullOrWhiteSpace(request.Type))
        {
            return Problems.BadRequest(Title(JobSubmissionError.UnknownType),
                $"The body needs a 'type'. Known types: {KnownTypes(jobs)}.");
        }
        if (!jobs.JobTypes.ContainsKey(request.Type))
        {
            return Problems.BadRequest(Title(JobSubmissionError.UnknownType),
                $"There is no job type '{request.Type}'. Known types: {KnownTypes(jobs)}.");
        }
        if (request.TimeoutSeconds is <= 0)
        {
            return Problems.BadRequest(Title(JobSubmissionError.InvalidTimeout),
                $"'timeoutSeconds' must be a positive number of seconds (got {request.TimeoutSeconds}).");
        }
        if (request.DependsOn?.Any(string.IsNullOrWhiteSpace) == true)
        {
            return Problems.BadRequest(Title(JobSubmissionError.UnknownDependency), "'dependsOn' must list job ids.");
        }
        return null;
    }

    private static string KnownTypes(IJobService jobs) =>
        jobs.JobTypes.Count == 0 ? "(none registered)" : string.Join(", ", jobs.JobTypes.Keys.Order(StringComparer.Ordinal));

    private static string Title(JobSubmissionError error) => error switch
    {
        JobSubmissionError.UnknownType => "Unknown job type",
        JobSubmissionError.InvalidInput => "Invalid input",
        JobSubmissionError.UnknownDependency => "Unknown dependency",
        JobSubmissionError.InvalidTimeout => "Invalid timeout",
        _ => "Submission refused",
    };
}

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

/// <summary>
/// <c>POST /api/jobs:batch</c>: up to <see cref="JobSubmission.MaxBatchCount"/> jobs, validated one by one and stored
/// in one transaction. 200 with one result per item (202 and the job, or a problem); a refused item refuses only
/// itself. 400 for a body that is not a batch (not JSON, no <c>jobs</c>, empty, too many), 503 while shutting down.
/// </summary>
internal static class SubmitJobBatch
{
    public static async Task<Results<Ok<JobBatchDto>, ProblemHttpResult>> HandleAsync(
        HttpContext context, ClaimsPrincipal user, IJobService jobs, IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || !jobs.IsAcceptingJobs) return Problems.ShuttingDown(context);
        var (request, problem) = await JsonBody.ReadAsync(
            context.Request, ServerJsonContext.Default.SubmitJobBatchRequest, optional: false, cancellationToken);
        if (problem is not null) return problem;
        var items = request!.Jobs;
        if (items is null || items.Count == 0)
        {
            return Problems.BadRequest("Empty batch", "The body needs a non-empty 'jobs' array, each item what POST /api/jobs takes.");
        }
        if (items.Count > JobSubmission.MaxBatchCount)
        {
            return Problems.BadRequest(SubmissionProblems.Title(JobSubmissionError.TooManyJobs),
                $"A batch takes at most {JobSubmission.MaxBatchCount} jobs; this one had {items.Count}. Split it.");
        }

        var results = new JobBatchItemDto?[items.Count];
        var submissions = new List<JobSubmission>(items.Count);
        var indices = new List<int>(items.Count);
        var owner = user.Owner();
        for (var i = 0; i < items.Count; i++)
        {
            if (Read(items[i], i, jobs) is { } refused)
            {
                results[i] = new JobBatchItemDto(i, refused.Status, null, refused);
                continue;
            }
            var item = items[i].Deserialize(ServerJsonContext.Default.SubmitJobRequest)!;
            submissions.Add(new JobSubmission(item.Type!, item.Input ?? default, owner, item.TimeoutSeconds, item.DependsOn));
            indices.Add(i);
        }

        IReadOnlyList<JobSubmissionResult> outcomes;
        try
        {
            outcomes = submissions.Count == 0 ? [] : await jobs.SubmitManyAsync(submissions, cancellationToken);
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.ShuttingDown)
        {
            return Problems.ShuttingDown(context);
        }
        for (var k = 0; k < outcomes.Count; k++)
        {
            var index = indices[k];
            results[index] = outcomes[k] switch
            {
                { Job: { } job } => new JobBatchItemDto(index, StatusCodes.Status202Accepted, JobDto.From(job), null),
                { Error: { } error } => Refused(index, SubmissionProblems.Status(error.Error), SubmissionProblems.Title(error.Error), error.Message),
                _ => Refused(index, StatusCodes.Status400BadRequest, "Submission refused", "The job was not stored."),
            };
        }
        var accepted = results.Count(r => r!.Job is not null);
        return TypedResults.Ok(new JobBatchDto(accepted, items.Count - accepted, results!));
    }

    /// <summary>A problem for an item that is not a submission at all, or null when it reads as one.</summary>
    private static ItemProblemDto? Read(JsonElement item, int index, IJobService jobs)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return ItemProblemDto.For(StatusCodes.Status400BadRequest, "Malformed item",
                $"Item {index} is {Kind(item)}, not a job object like the body of POST /api/jobs.");
        }
        SubmitJobRequest? request;
        try
        {
            request = item.Deserialize(ServerJsonContext.Default.SubmitJobRequest);
        }
        catch (JsonException e)
        {
            return ItemProblemDto.For(StatusCodes.Status400BadRequest, "Malformed item",
                $"Item {index} has a value of the wrong type at '{e.Path ?? "$"}'.");
        }
        return string.IsNullOrWhiteSpace(request?.Type)
            ? ItemProblemDto.For(StatusCodes.Status400BadRequest, SubmissionProblems.Title(JobSubmissionError.UnknownType),
                SubmissionProblems.MissingType(jobs, $"Item {index}"))
            : null;
    }

    private static JobBatchItemDto Refused(int index, int status, string title, string detail) =>
        new(index, status, null, ItemProblemDto.For(status, title, detail));

    private static string Kind(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

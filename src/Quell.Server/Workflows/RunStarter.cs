using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Runs;

namespace Quell.Server.Workflows;

/// <summary>
/// Starts a run for the REST and AG-UI routes alike, answering every refusal as a problem: unknown workflow 404,
/// bad id or variables 400, taken id 409, shutting down 503.
/// </summary>
internal static class RunStarter
{
    private static readonly JsonElement NoVariables = JsonDocument.Parse("{}").RootElement.Clone();

    public static async Task<(JobRecord? Run, ProblemHttpResult? Problem)> StartAsync(
        HttpContext context, string workflowId, JsonElement? variables, string owner, string? runId, string? threadId,
        IWorkflowCatalog catalog, WorkflowRuns runs, IJobService jobs, CancellationToken cancellationToken)
    {
        if (!jobs.IsAcceptingJobs) return (null, Errors.Problems.ShuttingDown(context));
        if (runId is not null && !JobIds.IsValid(runId)) return (null, WorkflowProblems.InvalidId("run", runId));
        if (variables is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            return (null, Errors.Problems.BadRequest("Invalid variables", "The run's variables must be a JSON object."));
        }
        if (await catalog.GetAsync(workflowId, cancellationToken) is null) return (null, WorkflowProblems.WorkflowNotFound(workflowId));

        var input = variables is { ValueKind: JsonValueKind.Object } given ? given : NoVariables;
        try
        {
            var run = await runs.StartAsync(workflowId, input, owner, runId, threadId, cancellationToken);
            return (run, null);
        }
        catch (WorkflowNotFoundException)
        {
            // Removed between the check and the start.
            return (null, WorkflowProblems.WorkflowNotFound(workflowId));
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.ShuttingDown)
        {
            return (null, Errors.Problems.ShuttingDown(context));
        }
        catch (JobSubmissionException e) when (e.Error == JobSubmissionError.DuplicateId)
        {
            return (null, Errors.Problems.Conflict("Run id taken", $"A run or job with id '{runId}' already exists; choose another runId."));
        }
        catch (JobSubmissionException e)
        {
            return (null, Errors.Problems.BadRequest("Run refused", e.Message));
        }
    }
}

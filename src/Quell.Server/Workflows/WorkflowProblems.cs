using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Workflows.Loading;

namespace Quell.Server.Workflows;

/// <summary>The problem-details documents of the workflow and run routes.</summary>
internal static class WorkflowProblems
{
    public static ProblemHttpResult WorkflowNotFound(string id) =>
        TypedResults.Problem($"There is no workflow '{id}'. PUT /api/workflows/{id} adds one; GET /api/workflows lists them.",
            statusCode: StatusCodes.Status404NotFound, title: "Workflow not found");

    public static ProblemHttpResult RunNotFound(string id) =>
        TypedResults.Problem($"There is no run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Run not found");

    public static ProblemHttpResult InvalidId(string what, string id) =>
        Errors.Problems.BadRequest($"Invalid {what} id",
            $"'{id}' is not a valid {what} id: use 1–{JobIds.MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");

    /// <summary>A workflow file that does not load: every located error as a member of <c>errors</c>.</summary>
    public static ProblemHttpResult InvalidWorkflow(WorkflowLoadException e)
    {
        var errors = e.Errors.Select(error => new WorkflowErrorDto(error.Line, error.Column, error.ElementId, error.Field, error.Message)).ToArray();
        var detail = errors.Length switch
        {
            0 => e.Message,
            1 => e.Errors[0].Format(null),
            _ => $"{e.Errors[0].Format(null)} (and {errors.Length - 1} more in 'errors')",
        };
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid workflow",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }
}

/// <summary>One located error of a workflow file, as the 400 answer lists it.</summary>
/// <param name="Line">1-based line (0 when the file could not be read at all).</param>
/// <param name="Column">1-based column.</param>
/// <param name="ElementId">The element or flow the error belongs to.</param>
/// <param name="Field">The property path within it.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record WorkflowErrorDto(int Line, int Column, string? ElementId, string? Field, string Message);

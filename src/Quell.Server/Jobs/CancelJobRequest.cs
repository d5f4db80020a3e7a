namespace Quell.Server.Jobs;

/// <summary>The optional body of <c>POST /api/jobs/{id}/cancel</c>.</summary>
internal sealed record CancelJobRequest
{
    /// <summary>
    /// <c>user_requested</c> (the default), <c>timeout</c>, <c>system_shutdown</c>, <c>resource_limit</c> or
    /// <c>dependency_failed</c>.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>Why, in words, for the people watching the job.</summary>
    public string? Message { get; init; }
}

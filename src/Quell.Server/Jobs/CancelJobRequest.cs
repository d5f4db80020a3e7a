namespace Quell.Server.Jobs;

/// <summary>The optional body of <c>POST /api/jobs/{id}/cancel</c>.</summary>
/// <param name="Reason">A cancellation reason such as <c>user_requested</c> (the default).</param>
/// <param name="Message">Why, in words, for the people watching the job.</param>
internal sealed record CancelJobRequest(string? Reason, string? Message);

namespace Quell.Cli.Client;

/// <summary>The body of <c>POST /api/jobs/{id}/cancel</c>.</summary>
internal sealed record CancelJobBody(string? Reason, string? Message);

namespace Quell.Cli.Client;

/// <summary>One page of jobs (<c>GET /api/jobs</c>), newest first, and how many match in all.</summary>
internal sealed record JobListDocument(IReadOnlyList<JobDocument> Items, int Total, int Limit, int Offset);

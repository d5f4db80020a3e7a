namespace Quell.Server.Jobs;

/// <summary>One page of jobs, newest first, and how many match in all.</summary>
public sealed record JobListDto(IReadOnlyList<JobDto> Items, int Total, int Limit, int Offset);

using Quell.Jobs;

namespace Quell.Storage;

/// <summary>One page of a job listing and the number of jobs that match in all.</summary>
public sealed record JobPage(IReadOnlyList<JobRecord> Items, int Total, int Limit, int Offset);

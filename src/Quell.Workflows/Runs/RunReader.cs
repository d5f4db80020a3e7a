using Quell.Jobs;

namespace Quell.Workflows.Runs;

/// <summary>Reads a run's stored history, page by page, into a projection.</summary>
public static class RunReader
{
    private const int PageSize = 1000;

    /// <summary>
    /// The run rebuilt from every event stored so far. An unknown or foreign run reads as an empty projection;
    /// check the run job first where that matters.
    /// </summary>
    public static async Task<RunProjection> ProjectAsync(
        IJobService jobs, string runId, string? owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var projection = new RunProjection(runId);
        while (true)
        {
            var page = await jobs.ReadEventsAsync(runId, owner, projection.LastSeq, PageSize, cancellationToken).ConfigureAwait(false);
            if (page is null || page.Count == 0) return projection;
            foreach (var e in page) projection.Apply(e);
            if (page.Count < PageSize) return projection;
        }
    }
}

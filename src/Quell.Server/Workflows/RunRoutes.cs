using Quell.Jobs;
using Quell.Workflows.Engine;

namespace Quell.Server.Workflows;

/// <summary>What every <c>/api/runs/{id}</c> route shares: which jobs are runs, and where a run lives.</summary>
internal static class RunRoutes
{
    /// <summary>The job type of a workflow run.</summary>
    public const string RunJobType = WorkflowRunJob.JobType;

    public static string Location(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}";

    /// <summary>The run's job, or null when it is unknown, another owner's, or a job that is not a run.</summary>
    public static async Task<JobRecord?> FindAsync(IJobService jobs, string runId, string owner, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(runId, owner, cancellationToken);
        return job is { Type: RunJobType } ? job : null;
    }
}

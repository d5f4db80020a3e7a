namespace Quell.Jobs;

/// <summary>How the runtime treats one job type.</summary>
public sealed class JobTypeOptions
{
    /// <summary>
    /// When true, a run that a dead process left <c>running</c> is put back in the queue at start-up instead of
    /// failing as "interrupted". Declare it only for idempotent handlers.
    /// </summary>
    public bool SafeToRetry { get; set; }

    /// <summary>Seconds a job of this type may run when the submission names no timeout; null for no limit.</summary>
    public int? DefaultTimeoutSeconds { get; set; }

    /// <summary>One sentence for listings (CLI, OpenAPI, MCP tools).</summary>
    public string? Description { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Quell.Hosting;

/// <summary>Runtime settings, bound from the <c>Quell</c> configuration section and validated at start-up.</summary>
public sealed class QuellOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Quell";

    /// <summary>Where the store and temporary job directories live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "quell-data";

    /// <summary>Jobs that may run at once on this node.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>This node's name in leases and <c>job.started</c>; unique per process by default.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];

    /// <summary>How long a claimed job's lease lasts; renewed every third of it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often live subscribers get a job's latest progress (at most).</summary>
    public TimeSpan ProgressPublishInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often progress and partial results are persisted while a job runs (at most).</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the host waits for running jobs to stop when it shuts down.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Between the shutdown token and the cancellation token on host stop: time for a job to finish the step it
    /// is in. Zero cancels at once.
    /// </summary>
    public TimeSpan ShutdownNoticePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Finished jobs older than this are deleted with their events.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}

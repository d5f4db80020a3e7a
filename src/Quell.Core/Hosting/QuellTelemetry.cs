namespace Quell.Hosting;

/// <summary>
/// The names Quell's telemetry is published under, for an OpenTelemetry (or other) listener to subscribe to:
/// <c>AddMeter(QuellTelemetry.MeterName)</c>, <c>AddSource(QuellTelemetry.ActivitySourceName)</c>.
/// </summary>
public static class QuellTelemetry
{
    /// <summary>
    /// The meter: <c>quell.jobs.started</c>, <c>quell.jobs.finished</c>, <c>quell.jobs.running</c>,
    /// <c>quell.jobs.active</c> (jobs by live state, store-wide), <c>quell.store.duration</c> (by operation) and the
    /// <c>quell.cancel.latency</c> histogram.
    /// </summary>
    public const string MeterName = "Quell";

    /// <summary>
    /// The activity source: a span per job run (<c>job {type}</c>) and per cancel request
    /// (<c>quell.cancel.request</c>), linked to each other.
    /// </summary>
    public const string ActivitySourceName = "Quell";
}

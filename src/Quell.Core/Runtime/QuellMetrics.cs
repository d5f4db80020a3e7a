using System.Diagnostics.Metrics;
using Quell.Jobs;

namespace Quell.Runtime;

/// <summary>
/// The <c>Quell</c> meter: jobs started and finished by status, and cancellation latency from the moment a request
/// was accepted to the moment the job stopped (its terminal event durable).
/// </summary>
internal static class QuellMetrics
{
    public const string MeterName = "Quell";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "quell.jobs.started", "{job}", "Jobs a worker on this node started.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "quell.jobs.finished", "{job}", "Jobs that reached a terminal state on this node, by status.");

    private static readonly Histogram<double> CancelLatency = Meter.CreateHistogram<double>(
        "quell.cancel.latency", "ms", "From a cancel request accepted to the job stopped and recorded.");

    public static void JobStarted(string type) => Started.Add(1, new KeyValuePair<string, object?>("quell.job.type", type));

    public static void JobFinished(string type, JobStatus status, TimeSpan? cancelLatency)
    {
        Finished.Add(1,
            new KeyValuePair<string, object?>("quell.job.type", type),
            new KeyValuePair<string, object?>("quell.job.status", status.ToWireName()));
        if (cancelLatency is { } latency) CancelLatency.Record(latency.TotalMilliseconds);
    }
}

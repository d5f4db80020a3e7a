using System.Diagnostics;
using System.Diagnostics.Metrics;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Runtime;

/// <summary>
/// The <c>Quell</c> meter: jobs started, running and finished by status, the runtime's store calls by operation, and
/// cancellation latency from the moment a request was accepted to the moment the job stopped (its terminal event
/// durable). Recording costs a timestamp and, with no listener, next to nothing else.
/// </summary>
internal static class QuellMetrics
{
    public const string MeterName = QuellTelemetry.MeterName;

    private static readonly Meter Meter = new(MeterName);

    // Store calls and cancels take well under a millisecond to seconds; the default buckets start at 5 ms.
    private static readonly InstrumentAdvice<double> Milliseconds = new()
    {
        HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000],
    };

    private static readonly UpDownCounter<long> Running = Meter.CreateUpDownCounter<long>(
        "quell.jobs.running", "{job}", "Jobs running on this node.");

    private static readonly Histogram<double> StoreDuration = Meter.CreateHistogram(
        "quell.store.duration", "ms", "The runtime's store calls, by operation: submit, claim, cancel, finish.", advice: Milliseconds);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "quell.jobs.started", "{job}", "Jobs a worker on this node started.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "quell.jobs.finished", "{job}", "Jobs that reached a terminal state on this node, by status.");

    private static readonly Histogram<double> CancelLatency = Meter.CreateHistogram(
        "quell.cancel.latency", "ms", "From a cancel request accepted to the job stopped and recorded.", advice: Milliseconds);

    public static void JobStarted(string type)
    {
        var tag = new KeyValuePair<string, object?>("quell.job.type", type);
        Started.Add(1, tag);
        Running.Add(1, tag);
    }

    /// <summary>The run is over on this node, however it ended (a store failure included).</summary>
    public static void JobEnded(string type) => Running.Add(-1, new KeyValuePair<string, object?>("quell.job.type", type));

    /// <summary>Records a store call begun at <paramref name="startedAt"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void StoreCall(string operation, long startedAt) =>
        StoreDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds,
            new KeyValuePair<string, object?>("quell.store.operation", operation));

    public static void JobFinished(string type, JobStatus status, TimeSpan? cancelLatency)
    {
        Finished.Add(1,
            new KeyValuePair<string, object?>("quell.job.type", type),
            new KeyValuePair<string, object?>("quell.job.status", status.ToWireName()));
        if (cancelLatency is { } latency) CancelLatency.Record(latency.TotalMilliseconds);
    }
}

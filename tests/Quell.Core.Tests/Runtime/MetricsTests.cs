using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

public sealed class MetricsTests
{
    [Fact]
    public async Task A_cancelled_job_records_its_cancellation_latency_on_the_Quell_meter()
    {
        var latencies = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Quell" && instrument.Name == "quell.cancel.latency") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => latencies.Add(value));
        listener.Start();
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);

        await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
        await quell.WaitForEndAsync(job.Id);

        // Recorded right after the store confirms the finish, which is just after watchers see the terminal event.
        for (var i = 0; i < 500 && latencies.IsEmpty; i++) await Task.Delay(10);
        Assert.Contains(latencies, ms => ms >= 0 && ms < 30_000);
    }
}

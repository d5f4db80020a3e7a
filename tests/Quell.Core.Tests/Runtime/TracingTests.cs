using System.Collections.Concurrent;
using System.Diagnostics;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

public sealed class TracingTests
{
    [Fact]
    public async Task A_cancel_request_span_and_the_run_span_it_stops_are_linked_both_ways()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == QuellTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);

        await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice"));
        await quell.WaitForEndAsync(job.Id);

        Activity? Find(Func<Activity, bool> match) => stopped.FirstOrDefault(a => Equals(a.GetTagItem("quell.job.id"), job.Id) && match(a));
        for (var i = 0; i < 500 && Find(a => a.OperationName.StartsWith("job ", StringComparison.Ordinal)) is null; i++) await Task.Delay(10);
        var request = Find(a => a.OperationName == "quell.cancel.request");
        var run = Find(a => a.OperationName.StartsWith("job ", StringComparison.Ordinal));
        Assert.NotNull(request);
        Assert.NotNull(run);
        Assert.Contains(request.Links, link => link.Context.SpanId == run.SpanId);
        Assert.Contains(run.Links, link => link.Context.SpanId == request.SpanId);
        Assert.Contains(run.Events, e => e.Name == "quell.cancel.requested");
        Assert.Equal("cancelled", run.GetTagItem("quell.job.status"));
        Assert.Equal("user_requested", run.GetTagItem("quell.cancel.reason"));
    }
}
